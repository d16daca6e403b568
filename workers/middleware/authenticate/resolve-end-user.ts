// Who the end user behind a tenant's request is (a public chatbot's visitor), for rate limits and audit:
//   1. `x-edgeguard-user-token`: a JWT verified against the tenant's `endUserAuth`; its `sub` is the user. A token
//      that does not verify is a 401, never "no user" (the client believes it identified someone).
//   2. `x-edgeguard-user`: a plain id, honoured only for keys with the `set_user` scope (a trusted backend).
// A tenant may mark user tokens `required`; then a request without a token (and without a set_user identity) is 401.
import { END_USER_PATTERN, verifyEndUserToken } from "../../../shared/auth/end-user-token";
import { hasScope } from "../../../shared/auth/verify-key";
import type { KeyRecord, TenantRecord } from "../../../shared/store/records";

export type EndUserResolution =
  | { ok: true; endUser?: string; source?: "token" | "header"; notes: string[] }
  | { ok: false; reason: string };

export async function resolveEndUser(options: { headers: Headers; tenant: TenantRecord; key: KeyRecord; now: number }): Promise<EndUserResolution> {
  const { headers, tenant, key, now } = options;
  const token = headers.get("x-edgeguard-user-token");
  const asserted = headers.get("x-edgeguard-user");
  const notes: string[] = [];
  if (token !== null) {
    const auth = tenant.endUserAuth;
    if (!auth) return { ok: false, reason: "end_user_auth_not_configured" };
    const check = await verifyEndUserToken({ token: token.trim(), auth, now });
    if (!check.ok) return { ok: false, reason: `end_user_token_${check.reason}` };
    if (asserted !== null) notes.push("end_user_header_ignored");
    return { ok: true, endUser: check.subject, source: "token", notes };
  }
  let endUser: string | undefined;
  if (asserted !== null) {
    if (hasScope(key, "set_user") && END_USER_PATTERN.test(asserted)) endUser = asserted;
    else notes.push("end_user_header_ignored");
  }
  if (tenant.endUserAuth?.required && endUser === undefined) return { ok: false, reason: "end_user_token_missing" };
  return { ok: true, endUser, source: endUser === undefined ? undefined : "header", notes };
}
