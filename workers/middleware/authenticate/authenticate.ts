// Zero trust: every route needs a valid, active, in-scope key. Detailed reasons go to the audit record; the caller
// only learns 401 (who are you?) or 403 (not allowed), in its own API's envelope.
import { createMiddleware } from "hono/factory";
import { keyFromHeaders, parseApiKey, sha256Hex } from "../../../shared/auth/api-key";
import { checkKeyRecord, checkScope, hasScope } from "../../../shared/auth/verify-key";
import type { KeyScope } from "../../../shared/config/schema";
import { effectivePolicy } from "../../../shared/policy/effective";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";

const END_USER_PATTERN = /^[\w.@:+-]{1,128}$/;

export function authenticate(options: { scope: KeyScope }) {
  return createMiddleware<AppEnv>(async function authenticate(c, next) {
    const started = performance.now();
    const { deps, audit } = c.var;
    const unauthorized = (auditReason: string) =>
      respondError(c, { reason: "invalid_api_key", message: "Invalid API key.", auditReason });

    const presented = keyFromHeaders(c.req.raw.headers);
    if (!presented) return unauthorized("missing_key");
    const parsed = parseApiKey(presented);
    if (!parsed.ok) return unauthorized("malformed");
    audit.keyId = parsed.keyId;

    const [presentedSha256, record] = await Promise.all([sha256Hex(presented), deps.identities.getKey(parsed.keyId)]);
    const check = checkKeyRecord({ presentedSha256, record, now: deps.now() });
    if (!check.ok) return unauthorized(check.reason);
    const tenant = await deps.identities.getTenant(record!.tenantId);
    if (!tenant) return unauthorized("unknown_tenant");
    audit.tenantId = tenant.id;

    const scope = checkScope({ record: record!, scope: options.scope });
    if (!scope.ok) {
      return respondError(c, { reason: "permission_denied", message: "This key may not call this route.", auditReason: scope.reason });
    }

    const userHeader = c.req.header("x-edgeguard-user");
    let endUser: string | undefined;
    if (userHeader !== undefined) {
      if (hasScope(record!, "set_user") && END_USER_PATTERN.test(userHeader)) endUser = userHeader;
      else audit.errors.push("end_user_header_ignored");
    }
    audit.endUser = endUser;

    const policy = effectivePolicy({ tenant, enforced: deps.enforcedPolicy });
    audit.policyVersion = tenant.policyVersion;
    c.set("caller", { tenant, key: record!, policy, endUser });
    audit.latencyMs.auth = performance.now() - started;
    await next();
  });
}
