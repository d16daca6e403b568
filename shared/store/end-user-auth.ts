// How a tenant's end users prove who they are: the valibot shape shared by tenant records (KV) and config-file tenants.
import * as v from "valibot";
import { boundedText, nonEmptyText } from "../validation/fields";
import { looseObject } from "../validation/objects";

/** Asymmetric JWS algorithms a tenant's JWKS may use (symmetric ones go through `hs256`, never through a JWKS). */
export const JWKS_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;

/** A public JSON Web Key: private parts (`d`, `p`, `q`…) are refused, so a leaked tenant record leaks no signing key. */
const publicJwkSchema = v.pipe(
  looseObject({ kty: nonEmptyText(), kid: boundedText({ min: 1, max: 200 }), alg: v.optional(v.picklist(JWKS_ALGORITHMS)) }),
  v.check((jwk) => !["d", "p", "q", "dp", "dq", "qi", "k"].some((part) => part in jwk), "only public keys belong in a JWKS"),
);

const endUserTokenClaimsSchema = {
  /** Expected `iss` claim, when set. */
  issuer: v.optional(nonEmptyText()),
  /** Expected `aud` claim, when set. */
  audience: v.optional(nonEmptyText()),
  /** Refuse requests without a user token (public chatbots: every visitor must be identified). */
  required: v.optional(v.boolean(), false),
};

/**
 * How a tenant's own users prove who they are (`x-edgeguard-user-token`): a JWT signed with a key of the tenant's
 * inline JWKS, or with a shared HS256 secret. The secret is stored as is (it must be, to verify) and never shown back.
 */
export const endUserAuthSchema = v.variant("type", [
  v.strictObject({
    type: v.literal("jwks"),
    keys: v.pipe(v.array(publicJwkSchema), v.minLength(1), v.maxLength(20)),
    algorithms: v.optional(v.pipe(v.array(v.picklist(JWKS_ALGORITHMS)), v.minLength(1)), ["RS256", "ES256"]),
    ...endUserTokenClaimsSchema,
  }),
  v.strictObject({ type: v.literal("hs256"), secret: boundedText({ min: 32, max: 512 }), ...endUserTokenClaimsSchema }),
]);
export type EndUserAuth = v.InferOutput<typeof endUserAuthSchema>;
