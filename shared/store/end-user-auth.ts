// How a tenant's end users prove who they are: the zod shape shared by tenant records (KV) and config-file tenants.
import * as z from "zod";

/** Asymmetric JWS algorithms a tenant's JWKS may use (symmetric ones go through `hs256`, never through a JWKS). */
export const JWKS_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;

/** A public JSON Web Key: private parts (`d`, `p`, `q`…) are refused, so a leaked tenant record leaks no signing key. */
const publicJwkSchema = z
  .looseObject({ kty: z.string().min(1), kid: z.string().min(1).max(200), alg: z.enum(JWKS_ALGORITHMS).optional() })
  .refine((jwk) => !["d", "p", "q", "dp", "dq", "qi", "k"].some((part) => part in jwk), "only public keys belong in a JWKS");

const endUserTokenClaimsSchema = {
  /** Expected `iss` claim, when set. */
  issuer: z.string().min(1).optional(),
  /** Expected `aud` claim, when set. */
  audience: z.string().min(1).optional(),
  /** Refuse requests without a user token (public chatbots: every visitor must be identified). */
  required: z.boolean().default(false),
};

/**
 * How a tenant's own users prove who they are (`x-edgeguard-user-token`): a JWT signed with a key of the tenant's
 * inline JWKS, or with a shared HS256 secret. The secret is stored as is (it must be, to verify) and never shown back.
 */
export const endUserAuthSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("jwks"),
    keys: z.array(publicJwkSchema).min(1).max(20),
    algorithms: z.array(z.enum(JWKS_ALGORITHMS)).min(1).default(["RS256", "ES256"]),
    ...endUserTokenClaimsSchema,
  }),
  z.strictObject({ type: z.literal("hs256"), secret: z.string().min(32).max(512), ...endUserTokenClaimsSchema }),
]);
export type EndUserAuth = z.infer<typeof endUserAuthSchema>;
