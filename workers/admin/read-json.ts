// Reads an admin request body as JSON and validates it with a zod schema; a failure is a 400 naming the field path
// (never the value: bodies may carry an end-user secret). An empty body reads as `{}` so optional-only bodies can be
// omitted.
import type { Context } from "hono";
import type * as z from "zod";
import type { AppEnv } from "../app-env";
import { adminError } from "./admin-error";

export type ReadJson<T> = { ok: true; data: T } | { ok: false; response: Response };

export async function readJson<T>(c: Context<AppEnv>, schema: z.ZodType<T>): Promise<ReadJson<T>> {
  let json: unknown;
  try {
    const text = await c.req.text();
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: adminError(c, { status: 400, code: "invalid_json", message: "Request body is not valid JSON." }) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join(".") || "body";
    return { ok: false, response: adminError(c, { status: 400, code: "invalid_request", message: `Invalid ${path}: ${issue.message}`, param: path }) };
  }
  return { ok: true, data: parsed.data };
}
