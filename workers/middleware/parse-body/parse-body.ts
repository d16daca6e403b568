// Reads the (size-limited) body once: strict UTF-8, JSON, then the route's schema. Bad input gets a 400 in the
// caller's dialect that says what is wrong (field paths, never values). Also enforces the key's model and
// max_tokens scopes, which need the parsed body.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type * as v from "valibot";
import { requestedMaxTokens } from "../../../shared/api/request-schemas";
import { checkScope } from "../../../shared/auth/verify-key";
import type { KeyScope } from "../../../shared/config/schema";
import { validate } from "../../../shared/validation/validate";
import type { AppEnv } from "../../app-env";
import { bodyFailureResponse, requestBytes } from "../../request-body";
import { respondError } from "../../respond-error";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
/** Deeper JSON than any API needs; past it, re-serialising the body for the provider could overflow the stack. */
const MAX_DEPTH = 64;

/** True when some array or object nests deeper than `limit`; iterative, so the check itself cannot overflow. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === "object" && child !== null) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}

// No named closures in hot code: keepNames renames them on every call (docs/performance.md).
function invalid(c: Context<AppEnv>, message: string, auditReason: string): Response {
  return respondError(c, { reason: "invalid_request", message, auditReason });
}

export function parseBody(options: { schema: v.GenericSchema<unknown, Record<string, unknown>>; scope: KeyScope }) {
  return createMiddleware<AppEnv>(async function parseBody(c, next) {
    let bytes: ArrayBuffer | Uint8Array;
    try {
      bytes = await requestBytes(c, { timeoutMs: c.get("deps").requestTimeoutMs });
    } catch (error) {
      return bodyFailureResponse(c, error);
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return invalid(c, "Request body is not valid UTF-8.", "invalid_utf8");
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return respondError(c, { reason: "invalid_json", message: "Request body is not valid JSON.", auditReason: "invalid_json" });
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) return invalid(c, "Request body must be a JSON object.", "not_object");
    if (nestsDeeperThan(json, MAX_DEPTH)) return invalid(c, `Request body nests deeper than ${MAX_DEPTH} levels.`, "too_deep");
    const parsed = validate(options.schema, json);
    if (!parsed.ok) {
      const problem = parsed.problems[0];
      const path = problem.path || "body";
      return respondError(c, { reason: "invalid_request", message: `Invalid request: ${path}: ${problem.message}`, param: path, auditReason: "schema" });
    }
    const body = parsed.data;
    const model = typeof body.model === "string" ? body.model : undefined;
    const audit = c.get("audit");
    audit.model = model;
    audit.stream = body.stream === true;
    const caller = c.get("caller")!;
    const scope = checkScope({ record: caller.key, scope: options.scope, model, maxTokens: requestedMaxTokens(body) });
    if (!scope.ok) {
      return respondError(c, { reason: "permission_denied", message: "This key may not use this model or token budget.", auditReason: scope.reason });
    }
    c.set("body", body);
    await next();
  });
}
