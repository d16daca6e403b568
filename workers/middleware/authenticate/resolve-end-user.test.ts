// Which end user a request speaks for: a verified token beats the header; the header needs the set_user scope; a
// tenant that requires user tokens refuses requests without one (unless a set_user key names the user).
import { Jwt } from "hono/utils/jwt";
import { describe, expect, it } from "vitest";
import type { KeyRecord, TenantRecord } from "../../../shared/store/records";
import { resolveEndUser } from "./resolve-end-user";

const NOW = Date.parse("2026-05-01T00:00:00Z");
const SECRET = "per-tenant-user-token-secret-0123456789";
const key = (scopes?: KeyRecord["scopes"]): KeyRecord => ({ id: "k1", tenantId: "t", sha256: "0".repeat(64), status: "active", scopes });
const tenant = (endUserAuth?: TenantRecord["endUserAuth"]): TenantRecord => ({ id: "t", policyVersion: 0, endUserAuth });
const hs = (required = false): TenantRecord["endUserAuth"] => ({ type: "hs256", secret: SECRET, required });
const token = (sub: string) => Jwt.sign({ sub, exp: Math.floor(NOW / 1000) + 60 }, SECRET, "HS256");
const resolve = (options: { headers: Record<string, string>; tenant: TenantRecord; key: KeyRecord }) =>
  resolveEndUser({ ...options, headers: new Headers(options.headers), now: NOW });

describe("resolveEndUser", () => {
  it("honours x-edgeguard-user only for set_user keys", async () => {
    expect(await resolve({ headers: { "x-edgeguard-user": "u1" }, tenant: tenant(), key: key(["chat", "set_user"]) })).toEqual({ ok: true, endUser: "u1", source: "header", notes: [] });
    expect(await resolve({ headers: { "x-edgeguard-user": "u1" }, tenant: tenant(), key: key() })).toEqual({ ok: true, endUser: undefined, source: undefined, notes: ["end_user_header_ignored"] });
    expect(await resolve({ headers: { "x-edgeguard-user": "bad user!" }, tenant: tenant(), key: key(["set_user"]) })).toMatchObject({ ok: true, endUser: undefined });
  });

  it("takes sub from a verified token, over any header", async () => {
    const headers = { "x-edgeguard-user-token": await token("visitor-1"), "x-edgeguard-user": "someone-else" };
    expect(await resolve({ headers, tenant: tenant(hs()), key: key(["chat", "set_user"]) })).toEqual({ ok: true, endUser: "visitor-1", source: "token", notes: ["end_user_header_ignored"] });
  });

  it("refuses a token the tenant cannot verify, or any token when the tenant has no endUserAuth", async () => {
    const forged = await Jwt.sign({ sub: "x", exp: Math.floor(NOW / 1000) + 60 }, "some-other-secret-some-other-secret", "HS256");
    expect(await resolve({ headers: { "x-edgeguard-user-token": forged }, tenant: tenant(hs()), key: key() })).toEqual({ ok: false, reason: "end_user_token_bad_signature" });
    expect(await resolve({ headers: { "x-edgeguard-user-token": await token("v") }, tenant: tenant(), key: key() })).toEqual({ ok: false, reason: "end_user_auth_not_configured" });
  });

  it("requires an identity when the tenant says so", async () => {
    expect(await resolve({ headers: {}, tenant: tenant(hs(true)), key: key() })).toEqual({ ok: false, reason: "end_user_token_missing" });
    expect(await resolve({ headers: { "x-edgeguard-user": "u2" }, tenant: tenant(hs(true)), key: key() })).toEqual({ ok: false, reason: "end_user_token_missing" });
    expect(await resolve({ headers: { "x-edgeguard-user": "u2" }, tenant: tenant(hs(true)), key: key(["set_user"]) })).toMatchObject({ ok: true, endUser: "u2" });
    expect(await resolve({ headers: {}, tenant: tenant(hs(false)), key: key() })).toMatchObject({ ok: true, endUser: undefined });
  });
});
