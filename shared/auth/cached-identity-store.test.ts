// The revocation delay, measured on an injected clock: a revoked key keeps passing from the in-isolate cache until
// its entry's TTL ends (KV propagation adds up to ~60 s across locations on top; see docs/storage-schema.md).
import { describe, expect, it } from "vitest";
import { createKvIdentityStore } from "../store/kv-identity-store";
import { createKvAdminStore } from "../store/kv-admin-store";
import { createMemoryKv } from "../store/memory-kv";
import { sha256Hex } from "./api-key";
import { withIdentityCache } from "./cached-identity-store";
import { issueKey, withStatus } from "./key-lifecycle";
import { checkKeyRecord } from "./verify-key";

function setup() {
  const kv = createMemoryKv();
  let clock = Date.parse("2026-05-01T00:00:00Z");
  let reads = 0;
  const raw = createKvIdentityStore(kv);
  const counted = { getKey: (id: string) => (reads++, raw.getKey(id)), getTenant: raw.getTenant };
  const cache = withIdentityCache(counted, { ttlMs: 10_000, negativeTtlMs: 30_000, now: () => clock });
  return { admin: createKvAdminStore(kv), cache, advance: (ms: number) => (clock += ms), now: () => clock, reads: () => reads };
}

describe("revocation delay through the identity cache", () => {
  it("a revoked key passes until the positive TTL ends, then fails", async () => {
    const { admin, cache, advance, now } = setup();
    const { key, record } = await issueKey({ tenantId: "acme", settings: {}, now: now() });
    await admin.putKey(record);
    const check = async () => checkKeyRecord({ presentedSha256: await sha256Hex(key), record: await cache.getKey(record.id), now: now() });

    expect(await check()).toEqual({ ok: true });
    await admin.putKey(withStatus(record, "revoked"));
    advance(9_999);
    expect(await check()).toEqual({ ok: true }); // still the cached record: this is the documented delay
    advance(1);
    expect(await check()).toEqual({ ok: false, reason: "revoked" });
  });

  it("negative cache: unknown ids cost one read per TTL, and a new key under a probed id waits out the negative TTL", async () => {
    const { admin, cache, advance, now, reads } = setup();
    for (let i = 0; i < 50; i++) expect(await cache.getKey("probe1")).toBeNull();
    expect(reads()).toBe(1);
    const { record } = await issueKey({ tenantId: "acme", settings: {}, now: now(), keyId: "probe1" });
    await admin.putKey(record);
    advance(29_999);
    expect(await cache.getKey("probe1")).toBeNull();
    advance(1);
    expect((await cache.getKey("probe1"))?.id).toBe("probe1");
    expect(reads()).toBe(2);
  });
});
