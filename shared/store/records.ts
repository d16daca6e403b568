// Stored records for tenants and API keys (the valibot shapes written to KV and read from config files).
// Keys are stored only as SHA-256 hashes of the whole key; see docs/storage-schema.md.
import * as v from "valibot";
import { keyConfigEntries, limitsSchema } from "../config/schema";
import { policySchema } from "../policy/schema";
import { integer, isoTime } from "../validation/fields";
import { strictObject } from "../validation/objects";
import { endUserAuthSchema } from "./end-user-auth";

export const keyRecordSchema = strictObject({
  ...keyConfigEntries,
  tenantId: v.string(),
  createdAt: v.optional(isoTime()),
  /** Set on the old key when it is rotated: it keeps working until then. */
  graceUntil: v.optional(isoTime()),
  /** The key that replaced this one on rotation. */
  replacedBy: v.optional(v.string()),
  /** When this key was rotated (replaced); `graceUntil` says how long it still works. */
  rotatedAt: v.optional(isoTime()),
});
export type KeyRecord = v.InferOutput<typeof keyRecordSchema>;

export { endUserAuthSchema, JWKS_ALGORITHMS, type EndUserAuth } from "./end-user-auth";

export const tenantRecordSchema = strictObject({
  id: v.string(),
  /** The tenant's own policy (merged over the default and the operator's enforced policy when used). */
  policy: v.optional(policySchema),
  policyVersion: v.optional(integer({ min: 0 }), 0),
  limits: v.optional(limitsSchema),
  userLimits: v.optional(limitsSchema),
  createdAt: v.optional(isoTime()),
  /** End-user identity by signed token (see shared/auth/end-user-token.ts). */
  endUserAuth: v.optional(endUserAuthSchema),
});
export type TenantRecord = v.InferOutput<typeof tenantRecordSchema>;

/** Where identities come from: a config file (Node), KV (Workers). Reads only; admin writes use AdminStore. */
export interface IdentityStore {
  getKey(keyId: string): Promise<KeyRecord | null>;
  getTenant(tenantId: string): Promise<TenantRecord | null>;
}

/** One stored policy version (`policy-history:<tenantId>:<version>`); `policy: null` means "the default policy". */
export const policyVersionRecordSchema = strictObject({
  tenantId: v.string(),
  version: integer({ min: 0 }),
  policy: v.nullable(policySchema),
  savedAt: isoTime(),
});
export type PolicyVersionRecord = v.InferOutput<typeof policyVersionRecordSchema>;
