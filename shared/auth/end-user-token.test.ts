// End-user tokens: HS256 and inline-JWKS (ES256) tokens verified by hono's JWT code, time claims on an injected clock.
import { Jwt } from "hono/utils/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { endUserAuthSchema, type EndUserAuth } from "../store/records";
import { parseValid, validate } from "../validation/validate";
import { verifyEndUserToken } from "./end-user-token";

const NOW = Date.parse("2026-05-01T12:00:00Z");
const secs = (ms: number) => Math.floor(ms / 1000);
const SECRET = "s3cret-shared-between-tenant-and-gateway-0123456789";
const hsAuth: EndUserAuth = parseValid(endUserAuthSchema, { type: "hs256", secret: SECRET, issuer: "https://app.example", audience: "edgeguard" });
const claims = (extra: Record<string, unknown> = {}) => ({ sub: "visitor-42", iss: "https://app.example", aud: "edgeguard", exp: secs(NOW) + 600, ...extra });

describe("HS256 user tokens", () => {
  it("accepts a valid token and returns its subject", async () => {
    const token = await Jwt.sign(claims(), SECRET, "HS256");
    expect(await verifyEndUserToken({ token, auth: hsAuth, now: NOW })).toEqual({ ok: true, subject: "visitor-42" });
  });

  it("refuses a token signed with another secret", async () => {
    const token = await Jwt.sign(claims(), "another-secret-another-secret-0123456789", "HS256");
    expect(await verifyEndUserToken({ token, auth: hsAuth, now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses expired tokens on the injected clock (beyond the 30 s leeway) and tokens without exp", async () => {
    const token = await Jwt.sign(claims({ exp: secs(NOW) - 31 }), SECRET, "HS256");
    expect(await verifyEndUserToken({ token, auth: hsAuth, now: NOW })).toEqual({ ok: false, reason: "expired" });
    const stillOk = await Jwt.sign(claims({ exp: secs(NOW) - 10 }), SECRET, "HS256");
    expect((await verifyEndUserToken({ token: stillOk, auth: hsAuth, now: NOW })).ok).toBe(true);
    const { exp: _exp, ...noExp } = claims();
    const forever = await Jwt.sign(noExp, SECRET, "HS256");
    expect(await verifyEndUserToken({ token: forever, auth: hsAuth, now: NOW })).toEqual({ ok: false, reason: "missing_expiry" });
  });

  it("checks issuer, audience, nbf and the subject's shape", async () => {
    const sign = (extra: Record<string, unknown>) => Jwt.sign(claims(extra), SECRET, "HS256");
    expect(await verifyEndUserToken({ token: await sign({ iss: "https://evil.example" }), auth: hsAuth, now: NOW })).toMatchObject({ reason: "wrong_issuer" });
    expect(await verifyEndUserToken({ token: await sign({ aud: "someone-else" }), auth: hsAuth, now: NOW })).toMatchObject({ reason: "wrong_audience" });
    expect(await verifyEndUserToken({ token: await sign({ nbf: secs(NOW) + 3600 }), auth: hsAuth, now: NOW })).toMatchObject({ reason: "not_yet_valid" });
    expect(await verifyEndUserToken({ token: await sign({ sub: "has spaces <script>" }), auth: hsAuth, now: NOW })).toMatchObject({ reason: "bad_subject" });
    expect(await verifyEndUserToken({ token: await sign({ sub: undefined }), auth: hsAuth, now: NOW })).toMatchObject({ reason: "bad_subject" });
  });

  it("refuses another algorithm even with the right secret, and garbage", async () => {
    const hs512 = await Jwt.sign(claims(), SECRET, "HS512");
    expect(await verifyEndUserToken({ token: hs512, auth: hsAuth, now: NOW })).toEqual({ ok: false, reason: "bad_algorithm" });
    const [header, payload] = (await Jwt.sign(claims(), SECRET, "HS256")).split(".");
    const none = `${btoa(JSON.stringify({ alg: "none", typ: "JWT" })).replace(/=+$/, "")}.${payload}.`;
    expect((await verifyEndUserToken({ token: none, auth: hsAuth, now: NOW })).ok).toBe(false);
    expect(await verifyEndUserToken({ token: "not-a-jwt", auth: hsAuth, now: NOW })).toEqual({ ok: false, reason: "malformed" });
    expect((await verifyEndUserToken({ token: `${header}.${payload}.AAAA`, auth: hsAuth, now: NOW })).ok).toBe(false);
  });
});

describe("JWKS user tokens", () => {
  let privateJwk: JsonWebKey & { kid: string; alg: string };
  let auth: EndUserAuth;

  beforeAll(async () => {
    const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    privateJwk = { ...((await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey), kid: "k1", alg: "ES256" };
    const publicJwk = { ...((await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey), kid: "k1", alg: "ES256" };
    auth = parseValid(endUserAuthSchema, { type: "jwks", keys: [publicJwk], algorithms: ["ES256"] });
  });

  it("accepts an ES256 token signed by the tenant's key", async () => {
    const token = await Jwt.sign(claims(), privateJwk as never);
    expect(await verifyEndUserToken({ token, auth, now: NOW })).toEqual({ ok: true, subject: "visitor-42" });
  });

  it("refuses an unknown kid, a forged signature and a symmetric token", async () => {
    const other = await Jwt.sign(claims(), { ...privateJwk, kid: "k2" } as never);
    expect(await verifyEndUserToken({ token: other, auth, now: NOW })).toEqual({ ok: false, reason: "unknown_kid" });
    const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const attacker = { ...((await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey), kid: "k1", alg: "ES256" };
    const forged = await Jwt.sign(claims(), attacker as never);
    expect(await verifyEndUserToken({ token: forged, auth, now: NOW })).toEqual({ ok: false, reason: "bad_signature" });
    // HS256 "signed" with the public key's text: the classic algorithm-confusion attack.
    const confused = await Jwt.sign(claims(), JSON.stringify(auth.type === "jwks" ? auth.keys[0] : {}), "HS256");
    const withKid = confused.replace(/^[^.]+/, btoa(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "k1" })).replace(/=+$/, ""));
    expect(await verifyEndUserToken({ token: withKid, auth, now: NOW })).toEqual({ ok: false, reason: "bad_algorithm" });
  });

  it("refuses to store private key material in a tenant's JWKS", () => {
    expect(validate(endUserAuthSchema, { type: "jwks", keys: [privateJwk] }).ok).toBe(false);
  });
});
