// Identities from several stores in order (Node: the config file first, then Redis written by the admin API). The
// first store that knows an id wins, so a tenant or key defined in the config file can never be shadowed by a record
// written through the admin API; the admin API also refuses to write config tenants (workers/admin/admin-access.ts).
import type { IdentityStore } from "./records";

export function createLayeredIdentityStore(layers: readonly IdentityStore[]): IdentityStore {
  async function first<T>(read: (store: IdentityStore) => Promise<T | null>): Promise<T | null> {
    for (const store of layers) {
      const found = await read(store);
      if (found) return found;
    }
    return null;
  }
  return {
    getKey: (keyId) => first((store) => store.getKey(keyId)),
    getTenant: (tenantId) => first((store) => store.getTenant(tenantId)),
  };
}
