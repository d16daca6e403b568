// An in-isolate cache in front of an IdentityStore: hits and misses are both kept briefly, so a brute-force run of
// made-up key ids costs one store read per id per TTL, not one per request. A revoked key stops working within ttlMs.
import type { IdentityStore, KeyRecord, TenantRecord } from "../store/records";

export interface IdentityCacheOptions {
  ttlMs?: number;
  negativeTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  value: T | null;
  expires: number;
}

export function withIdentityCache(store: IdentityStore, options: IdentityCacheOptions = {}): IdentityStore & { clear(): void } {
  const { ttlMs = 10_000, negativeTtlMs = 30_000, maxEntries = 10_000, now = Date.now } = options;
  const keys = new Map<string, Entry<KeyRecord>>();
  const tenants = new Map<string, Entry<TenantRecord>>();

  async function cached<T>(map: Map<string, Entry<T>>, id: string, load: () => Promise<T | null>): Promise<T | null> {
    const hit = map.get(id);
    const at = now();
    if (hit && hit.expires > at) return hit.value;
    const value = await load();
    if (map.size >= maxEntries) map.delete(map.keys().next().value as string); // oldest first: Map keeps insertion order
    map.set(id, { value, expires: at + (value ? ttlMs : negativeTtlMs) });
    return value;
  }

  return {
    getKey: (keyId) => cached(keys, keyId, () => store.getKey(keyId)),
    getTenant: (tenantId) => cached(tenants, tenantId, () => store.getTenant(tenantId)),
    clear() {
      keys.clear();
      tenants.clear();
    },
  };
}
