// An IdentityStore over the tenants of a `edgeguard serve --config` file: everything in memory, read-only.
import type { GatewayConfig } from "../config/schema";
import type { IdentityStore, KeyRecord, TenantRecord } from "./records";

export function createConfigIdentityStore(config: Pick<GatewayConfig, "tenants" | "policies">): IdentityStore {
  const keys = new Map<string, KeyRecord>();
  const tenants = new Map<string, TenantRecord>();
  for (const tenant of config.tenants) {
    const policy = tenant.policy ? config.policies?.[tenant.policy] : undefined;
    tenants.set(tenant.id, { id: tenant.id, policy, policyVersion: policy?.version ?? 0, limits: tenant.limits, userLimits: tenant.userLimits, endUserAuth: tenant.endUserAuth });
    for (const key of tenant.keys) keys.set(key.id, { ...key, tenantId: tenant.id });
  }
  return {
    async getKey(keyId) {
      return keys.get(keyId) ?? null;
    },
    async getTenant(tenantId) {
      return tenants.get(tenantId) ?? null;
    },
  };
}
