// An IdentityStore over Workers KV (layout in docs/storage-schema.md): `key:<keyId>` and `tenant:<tenantId>` JSON.
// Records are validated on read, so a hand-edited or stale value fails closed instead of half-working.
import { validate } from "../validation/validate";
import { keyRecordSchema, tenantRecordSchema, type IdentityStore } from "./records";

export const KV_PREFIX = { key: "key:", tenant: "tenant:", tenantKeys: "tenant-keys:", policyHistory: "policy-history:" } as const;

export function createKvIdentityStore(kv: KVNamespace): IdentityStore {
  return {
    async getKey(keyId) {
      const raw = await kv.get(KV_PREFIX.key + keyId, "json");
      const parsed = validate(keyRecordSchema, raw);
      return raw !== null && parsed.ok ? parsed.data : null;
    },
    async getTenant(tenantId) {
      const raw = await kv.get(KV_PREFIX.tenant + tenantId, "json");
      const parsed = validate(tenantRecordSchema, raw);
      return raw !== null && parsed.ok ? parsed.data : null;
    },
  };
}
