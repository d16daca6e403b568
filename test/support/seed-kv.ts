// Writes a tenant and a fresh key into the Worker's KV (as the admin API would), for workerd tests.
import { generateApiKey, sha256Hex } from "../../shared/auth/api-key";
import { KV_PREFIX } from "../../shared/store/kv-identity-store";
import type { KeyRecord, TenantRecord } from "../../shared/store/records";

export async function seedTenantKey(options: {
  kv: KVNamespace;
  tenant: Omit<TenantRecord, "policyVersion"> & { policyVersion?: number };
  key?: Partial<Omit<KeyRecord, "sha256" | "tenantId">>;
}): Promise<{ key: string; keyId: string }> {
  const { key, keyId } = generateApiKey({ keyId: options.key?.id });
  const record: KeyRecord = { status: "active", ...options.key, id: keyId, tenantId: options.tenant.id, sha256: await sha256Hex(key) };
  await options.kv.put(KV_PREFIX.tenant + options.tenant.id, JSON.stringify({ policyVersion: 0, ...options.tenant }));
  await options.kv.put(KV_PREFIX.key + keyId, JSON.stringify(record));
  return { key, keyId };
}
