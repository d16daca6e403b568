// The first layer that knows an id wins (the Node config file over Redis), and a miss falls through to the next.
import { describe, expect, it } from "vitest";
import { createLayeredIdentityStore } from "./layered-identity-store";
import type { IdentityStore, KeyRecord, TenantRecord } from "./records";

const key = (id: string, tenantId: string): KeyRecord => ({ id, tenantId, sha256: "0".repeat(64), status: "active" });
const tenant = (id: string, policyVersion: number): TenantRecord => ({ id, policyVersion });

function fixedStore(options: { keys?: KeyRecord[]; tenants?: TenantRecord[] }): IdentityStore & { reads: number } {
  const store = {
    reads: 0,
    async getKey(keyId: string) {
      store.reads++;
      return options.keys?.find((k) => k.id === keyId) ?? null;
    },
    async getTenant(tenantId: string) {
      store.reads++;
      return options.tenants?.find((t) => t.id === tenantId) ?? null;
    },
  };
  return store;
}

describe("createLayeredIdentityStore", () => {
  it("answers from the first layer that has the id, without asking later layers", async () => {
    const file = fixedStore({ keys: [key("k1", "file-co")], tenants: [tenant("shared", 7)] });
    const redis = fixedStore({ keys: [key("k1", "intruder"), key("k2", "redis-co")], tenants: [tenant("shared", 1), tenant("redis-co", 2)] });
    const layered = createLayeredIdentityStore([file, redis]);
    expect(await layered.getKey("k1")).toMatchObject({ tenantId: "file-co" });
    expect(await layered.getTenant("shared")).toMatchObject({ policyVersion: 7 });
    expect(redis.reads).toBe(0);
    expect(await layered.getKey("k2")).toMatchObject({ tenantId: "redis-co" });
    expect(await layered.getTenant("redis-co")).toMatchObject({ policyVersion: 2 });
    expect(await layered.getKey("nobody")).toBeNull();
  });
});
