// Admin API errors in the OpenAI envelope ({"error":{message,type,code,param}}) with the admin's own codes
// (409 conflicts and the like are not gateway reasons); maps the store's tagged failures to statuses in one switch.
import type { Context } from "hono";
import type { AdminFailureReason } from "../../shared/store/tenant-admin";
import type { AppEnv } from "../app-env";

export function adminError(
  c: Context<AppEnv>,
  error: { status: 400 | 401 | 403 | 404 | 409; code: string; message: string; param?: string | null; auditReason?: string },
): Response {
  const audit = c.get("audit");
  if (audit) audit.reason = error.auditReason ?? error.code;
  // Same `type` as the gateway's own 4xx envelopes (shared/api/errors.ts): SDKs key on the status, not the type.
  return c.json({ error: { message: error.message, type: "invalid_request_error", code: error.code, param: error.param ?? null } }, error.status);
}

export function statusFor(reason: AdminFailureReason): 400 | 404 | 409 {
  switch (reason) {
    case "tenant_not_found":
    case "key_not_found":
      return 404;
    case "tenant_exists":
    case "key_not_active":
    case "key_already_rotated":
    case "no_previous_policy":
      return 409;
    case "bad_grace":
    case "invalid_policy":
      return 400;
  }
}

export function adminFailure(c: Context<AppEnv>, failure: { reason: AdminFailureReason; message: string }): Response {
  return adminError(c, { status: statusFor(failure.reason), code: failure.reason, message: failure.message });
}
