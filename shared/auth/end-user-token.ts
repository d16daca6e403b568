// End-user identity inside a tenant: verifies the `x-edgeguard-user-token` JWT against the tenant's inline JWKS or
// shared HS256 secret. Signatures are checked by hono's JWT utilities (Web Crypto), never by hand; this file only
// picks the key material, checks the time claims against an injected clock and turns failures into tagged reasons.
import { Jwt } from "hono/utils/jwt";
import type { EndUserAuth } from "../store/records";

/** Who a token may name: the same characters the `x-edgeguard-user` header accepts. */
export const END_USER_PATTERN = /^[\w.@:+-]{1,128}$/;

export type EndUserTokenRejection =
  | "malformed"
  | "bad_algorithm"
  | "unknown_kid"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "missing_expiry"
  | "wrong_issuer"
  | "wrong_audience"
  | "bad_subject";

export type EndUserTokenCheck = { ok: true; subject: string } | { ok: false; reason: EndUserTokenRejection };

const MAX_TOKEN_LENGTH = 8 * 1024;

/**
 * Verifies a user token. Time claims are checked here (not by hono, which reads Date.now) so tests and replays use
 * the gateway's clock; `exp` is required because a user token that never expires is a password in a header.
 */
export async function verifyEndUserToken(options: {
  token: string;
  auth: EndUserAuth;
  now: number;
  leewaySeconds?: number;
}): Promise<EndUserTokenCheck> {
  const { token, auth, now, leewaySeconds = 30 } = options;
  if (token.length > MAX_TOKEN_LENGTH || token.split(".").length !== 3) return { ok: false, reason: "malformed" };
  const verification = { exp: false, nbf: false, iat: false } as const;
  if (auth.type === "jwks") {
    let kid: unknown;
    try {
      kid = Jwt.decode(token).header.kid;
    } catch {
      return { ok: false, reason: "malformed" };
    }
    // Checked first so "no such key" is told apart from a bad signature in the audit record.
    if (!auth.keys.some((key) => key.kid === kid)) return { ok: false, reason: "unknown_kid" };
  }
  let payload: Record<string, unknown>;
  try {
    payload =
      auth.type === "hs256"
        ? await Jwt.verify(token, auth.secret, { alg: "HS256", ...verification })
        : await Jwt.verifyWithJwks(token, { keys: auth.keys, allowedAlgorithms: auth.algorithms, verification });
  } catch (error) {
    return { ok: false, reason: rejectionFor(error) };
  }
  const seconds = now / 1000;
  if (typeof payload.exp !== "number" || !Number.isFinite(payload.exp)) return { ok: false, reason: "missing_expiry" };
  if (payload.exp + leewaySeconds <= seconds) return { ok: false, reason: "expired" };
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf - leewaySeconds > seconds)) {
    return { ok: false, reason: "not_yet_valid" };
  }
  if (auth.issuer !== undefined && payload.iss !== auth.issuer) return { ok: false, reason: "wrong_issuer" };
  if (auth.audience !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(auth.audience)) return { ok: false, reason: "wrong_audience" };
  }
  const subject = payload.sub;
  if (typeof subject !== "string" || !END_USER_PATTERN.test(subject)) return { ok: false, reason: "bad_subject" };
  return { ok: true, subject };
}

/**
 * hono throws one error class per failure, each setting an explicit `name` (bundlers keep it). Their messages quote
 * the token, so they are never logged: only the tagged reason leaves this file.
 */
function rejectionFor(error: unknown): EndUserTokenRejection {
  const name = error instanceof Error ? error.name : "";
  switch (name) {
    case "JwtTokenSignatureMismatched":
      return "bad_signature";
    case "JwtAlgorithmMismatch":
    case "JwtAlgorithmNotAllowed":
    case "JwtSymmetricAlgorithmNotAllowed":
    case "JwtAlgorithmNotImplemented":
      return "bad_algorithm";
    case "JwtHeaderRequiresKid":
      return "unknown_kid";
    default:
      return "malformed";
  }
}
