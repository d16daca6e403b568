// Guards /admin/*: the routes exist only when an admin token is set (Workers: the ADMIN_TOKEN secret; Node: the
// config's adminToken; otherwise 404, as if absent), and only a bearer token equal to it passes. Both sides are
// hashed before a constant-time comparison, so neither the token's length nor its prefix leaks through timing.
// Tenant API keys are refused like any other wrong token.
import { createMiddleware } from "hono/factory";
import { constantTimeEqual, keyFromHeaders, parseApiKey, sha256Hex } from "../../shared/auth/api-key";
import type { AppEnv } from "../app-env";
import { adminAccess } from "./admin-access";
import { adminError } from "./admin-error";

/** Shorter tokens are guessable; an admin API behind one stays off rather than half-protected. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

let warnedShortToken = false;

export function requireAdminToken() {
  return createMiddleware<AppEnv>(async function requireAdminToken(c, next) {
    const expected = adminAccess(c)?.token ?? "";
    if (expected.length < MIN_ADMIN_TOKEN_LENGTH) {
      if (expected && !warnedShortToken) {
        warnedShortToken = true; // once per isolate, not once per request
        console.warn("edgeguard: the admin token (ADMIN_TOKEN) is shorter than 16 characters; the admin API stays disabled");
      }
      return adminError(c, { status: 404, code: "not_found", message: "Not found.", auditReason: "admin_disabled" });
    }
    const presented = keyFromHeaders(c.req.raw.headers);
    const unauthorized = (auditReason: string) =>
      adminError(c, { status: 401, code: "invalid_admin_token", message: "Invalid admin token.", auditReason });
    if (!presented) return unauthorized("admin_token_missing");
    const [presentedHash, expectedHash] = await Promise.all([sha256Hex(presented), sha256Hex(expected)]);
    if (!constantTimeEqual(presentedHash, expectedHash)) {
      return unauthorized(parseApiKey(presented).ok ? "tenant_key_on_admin" : "admin_token_wrong");
    }
    await next();
  });
}
