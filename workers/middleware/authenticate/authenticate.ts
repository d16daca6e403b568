// Zero trust: every route needs a valid, active, in-scope key, and a valid user token when one is sent (or the tenant
// requires one). Detailed reasons go to the audit record; the caller only learns 401 (who are you?) or 403 (not
// allowed), in its own API's envelope. Key material never reaches the audit record: only the key id does.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { keyFromHeaders, parseApiKey, sha256Hex } from "../../../shared/auth/api-key";
import { checkKeyRecord, checkScope } from "../../../shared/auth/verify-key";
import { checkSuspension } from "../../../shared/response/auto-suspend";
import type { KeyScope } from "../../../shared/config/schema";
import { effectivePolicy } from "../../../shared/policy/effective";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";
import { resolveEndUser } from "./resolve-end-user";

// No named closures in hot code: keepNames renames them on every call (docs/performance.md).
function unauthorized(c: Context<AppEnv>, auditReason: string): Response {
  return respondError(c, { reason: "invalid_api_key", message: "Invalid API key.", auditReason });
}

export function authenticate(options: { scope: KeyScope }) {
  return createMiddleware<AppEnv>(async function authenticate(c, next) {
    const started = performance.now();
    const deps = c.get("deps");
    const audit = c.get("audit");
    const presented = keyFromHeaders(c.req.raw.headers);
    if (!presented) return unauthorized(c, "missing_key");
    const parsed = parseApiKey(presented);
    if (!parsed.ok) return unauthorized(c, "malformed");
    audit.keyId = parsed.keyId;

    const [presentedSha256, record, suspension] = await Promise.all([
      sha256Hex(presented),
      deps.identities.getKey(parsed.keyId),
      checkSuspension({ store: deps.suspensions, keyId: parsed.keyId }),
    ]);
    const check = checkKeyRecord({ presentedSha256, record, now: deps.now() });
    if (!check.ok) return unauthorized(c, check.reason);
    // Automated response (policy.autoSuspend) suspended this key; the store failing counts as suspended (fail closed).
    if (suspension.suspended) {
      return respondError(c, { reason: "permission_denied", message: "This key is suspended.", auditReason: suspension.storeError ? "suspension_store_unavailable" : "key_suspended" });
    }
    const tenant = await deps.identities.getTenant(record!.tenantId);
    if (!tenant) return unauthorized(c, "unknown_tenant");
    audit.tenantId = tenant.id;

    const scope = checkScope({ record: record!, scope: options.scope });
    if (!scope.ok) {
      return respondError(c, { reason: "permission_denied", message: "This key may not call this route.", auditReason: scope.reason });
    }

    const user = await resolveEndUser({ headers: c.req.raw.headers, tenant, key: record!, now: deps.now() });
    if (!user.ok) return respondError(c, { reason: "invalid_api_key", message: "Invalid end-user token.", auditReason: user.reason });
    audit.errors.push(...user.notes);
    const endUser = user.endUser;
    audit.endUser = endUser;

    const policy = effectivePolicy({ tenant, enforced: deps.enforcedPolicy });
    audit.policyVersion = tenant.policyVersion;
    c.set("caller", { tenant, key: record!, policy, endUser });
    audit.latencyMs.auth = performance.now() - started;
    await next();
  });
}
