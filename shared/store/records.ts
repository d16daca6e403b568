// Stored records for tenants and API keys (the zod shapes written to KV and read from config files).
// Keys are stored only as SHA-256 hashes of the whole key; see docs/storage-schema.md.
import * as z from "zod";
import { keyConfigSchema, limitsSchema } from "../config/schema";
import { policySchema } from "../policy/schema";
import { endUserAuthSchema } from "./end-user-auth";

export const keyRecordSchema = keyConfigSchema.extend({
  tenantId: z.string(),
  createdAt: z.string().datetime().optional(),
  /** Set on the old key when it is rotated: it keeps working until then. */
  graceUntil: z.string().datetime().optional(),
  /** The key that replaced this one on rotation. */
  replacedBy: z.string().optional(),
  /** When this key was rotated (replaced); `graceUntil` says how long it still works. */
  rotatedAt: z.string().datetime().optional(),
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

export { endUserAuthSchema, JWKS_ALGORITHMS, type EndUserAuth } from "./end-user-auth";

export const tenantRecordSchema = z.strictObject({
  id: z.string(),
  /** The tenant's own policy (merged over the default and the operator's enforced policy when used). */
  policy: policySchema.optional(),
  policyVersion: z.number().int().nonnegative().default(0),
  limits: limitsSchema.optional(),
  userLimits: limitsSchema.optional(),
  createdAt: z.string().datetime().optional(),
  /** End-user identity by signed token (see shared/auth/end-user-token.ts). */
  endUserAuth: endUserAuthSchema.optional(),
});
export type TenantRecord = z.infer<typeof tenantRecordSchema>;

/** Where identities come from: a config file (Node), KV (Workers). Reads only; admin writes use AdminStore. */
export interface IdentityStore {
  getKey(keyId: string): Promise<KeyRecord | null>;
  getTenant(tenantId: string): Promise<TenantRecord | null>;
}

/** One stored policy version (`policy-history:<tenantId>:<version>`); `policy: null` means "the default policy". */
export const policyVersionRecordSchema = z.strictObject({
  tenantId: z.string(),
  version: z.number().int().nonnegative(),
  policy: policySchema.nullable(),
  savedAt: z.string().datetime(),
});
export type PolicyVersionRecord = z.infer<typeof policyVersionRecordSchema>;
