// Reads an admin request body as JSON and validates it with a valibot schema; a failure is a 400 naming the field
// path (never the value: bodies may carry an end-user secret). An empty body reads as `{}` so optional-only bodies
// can be omitted.
import type { Context } from "hono";
import type * as v from "valibot";
import { validate } from "../../shared/validation/validate";
import type { AppEnv } from "../app-env";
import { requestBytes } from "../request-body";
import { adminError } from "./admin-error";

const utf8 = new TextDecoder();

export type ReadJson<T> = { ok: true; data: T } | { ok: false; response: Response };

export async function readJson<T>(c: Context<AppEnv>, schema: v.GenericSchema<unknown, T>): Promise<ReadJson<T>> {
  let json: unknown;
  try {
    const text = utf8.decode(await requestBytes(c)); // the body-limit middleware may have read it already
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: adminError(c, { status: 400, code: "invalid_json", message: "Request body is not valid JSON." }) };
  }
  const parsed = validate(schema, json);
  if (!parsed.ok) {
    const problem = parsed.problems[0];
    const path = problem.path || "body";
    return { ok: false, response: adminError(c, { status: 400, code: "invalid_request", message: `Invalid ${path}: ${problem.message}`, param: path }) };
  }
  return { ok: true, data: parsed.data };
}
