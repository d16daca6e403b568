// The KVNamespace shim over real Redis (redis-server behind the Upstash-compatible bridge, the real @upstash/redis
// client): values round-trip as strings, TTLs become Redis expiries, listings page by prefix with metadata, and
// every key stays inside its namespace. Skips loudly when redis-server is not installed.
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridgedRedis } from "../../test/support/upstash-bridge";
import { createKvSuspensionStore } from "../response/kv-suspension-store";
import { createKvAdminStore } from "./kv-admin-store";
import { createRedisKv, escapeGlob } from "./redis-kv";

type Bridged = NonNullable<Awaited<ReturnType<typeof startBridgedRedis>>>;
let bridged: Bridged | null = null;
let redis: Redis;

beforeAll(async () => {
  bridged = await startBridgedRedis();
  if (!bridged) console.warn("!! redis-server missing: shared/store/redis-kv.test.ts is SKIPPED");
  else redis = new Redis({ url: bridged.url, token: bridged.token, automaticDeserialization: false });
});
afterAll(async () => {
  await bridged?.stop();
});

let namespaces = 0;
const freshKv = (prefix = `t${++namespaces}:`) => ({ kv: createRedisKv({ redis, keyPrefix: prefix }), prefix });

describe("escapeGlob", () => {
  it("escapes the glob characters SCAN MATCH would interpret", () => {
    expect(escapeGlob("a*b?c[d]e\\f")).toBe("a\\*b\\?c\\[d\\]e\\\\f");
  });
});

describe("redis-kv over real Redis", () => {
  it("stores strings exactly, reads text and json, deletes", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { kv, prefix } = freshKv();
    await kv.put("n", "42"); // a numeric-looking string must come back as the string, not the number
    await kv.put("doc", JSON.stringify({ a: [1, "x"] }));
    expect(await kv.get("n")).toBe("42");
    expect(await kv.get("n", "text")).toBe("42");
    expect(await kv.get("doc", "json")).toEqual({ a: [1, "x"] });
    expect(await kv.get("doc", { type: "json" })).toEqual({ a: [1, "x"] });
    expect(await kv.get("missing")).toBeNull();
    expect(await redis.get(`${prefix}doc`)).toBe('{"a":[1,"x"]}'); // namespaced, plain JSON text
    await kv.delete("doc");
    expect(await kv.get("doc", "json")).toBeNull();
  });

  it("turns expirationTtl into a Redis expiry and keeps metadata beside the value", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { kv, prefix } = freshKv();
    await kv.put("s:k1", "v", { expirationTtl: 90, metadata: { until: 5 } });
    const ttl = await redis.ttl(`${prefix}s:k1`);
    expect(ttl).toBeGreaterThan(80);
    expect(ttl).toBeLessThanOrEqual(90);
    expect(await redis.ttl(`${prefix}~meta:s:k1`)).toBeGreaterThan(80);
    await kv.put("plain", "v");
    expect(await redis.ttl(`${prefix}plain`)).toBe(-1); // no TTL given → none set
    // A put without metadata drops the old metadata, as on KV.
    await kv.put("s:k1", "v2");
    const listed = await kv.list({ prefix: "s:" });
    expect(listed.keys).toEqual([{ name: "s:k1", metadata: undefined }]);
  });

  it("lists only its namespace and prefix, pages with a cursor until complete, and never shows metadata keys", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { kv } = freshKv("ns-a*:"); // a glob character in the namespace must not widen the match
    const other = freshKv("ns-ab:").kv;
    await other.put("p:intruder", "x");
    for (let i = 0; i < 25; i++) await kv.put(`p:${String(i).padStart(2, "0")}`, String(i), { metadata: { i } });
    await kv.put("q:elsewhere", "x");
    const names: string[] = [];
    const metadata: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await kv.list<{ i: number }>({ prefix: "p:", limit: 5, cursor });
      for (const key of page.keys) {
        names.push(key.name);
        metadata.push(key.metadata);
      }
      cursor = page.list_complete ? undefined : page.cursor;
      pages++;
    } while (cursor && pages < 100);
    expect([...new Set(names)].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `p:${String(i).padStart(2, "0")}`));
    expect(metadata).toContainEqual({ i: 7 });
    expect(pages).toBeGreaterThan(1); // COUNT 5 over 25+ keys cannot finish in one round
  });

  it("runs the KV suspension store: suspensions and block counters survive in Redis and are lifted", async (ctx) => {
    if (!bridged) return ctx.skip();
    let clock = Date.parse("2026-05-01T00:00:00Z");
    const { kv } = freshKv();
    const store = createKvSuspensionStore({ kv, now: () => clock });
    expect(await store.recordBlock("key1", clock, { withinSeconds: 60 })).toBe(1);
    expect(await store.recordBlock("key1", clock + 1_000, { withinSeconds: 60 })).toBe(2);
    await store.suspend("key1", clock + 120_000, "auto:blocked_prompts");
    // A second store over the same Redis (another server) sees it.
    const elsewhere = createKvSuspensionStore({ kv: createRedisKv({ redis, keyPrefix: `t${namespaces}:` }), now: () => clock });
    expect(await elsewhere.getSuspension("key1")).toEqual({ until: clock + 120_000, reason: "auto:blocked_prompts" });
    expect(await elsewhere.list()).toEqual([{ keyId: "key1", until: clock + 120_000, reason: "auto:blocked_prompts", since: clock }]);
    clock += 120_000;
    expect(await store.getSuspension("key1")).toBeNull(); // `until` passed, even if the Redis expiry has not yet
    await store.lift("key1");
    expect((await kv.list({ prefix: "" })).keys).toEqual([]);
  });

  it("runs the admin store: a record written through it is read back validated, and a corrupt one reads as absent", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { kv, prefix } = freshKv();
    const store = createKvAdminStore(kv);
    await store.putTenant({ id: "acme", policyVersion: 0, createdAt: "2026-05-01T00:00:00.000Z" });
    expect(await store.getTenant("acme")).toMatchObject({ id: "acme", policyVersion: 0 });
    await redis.set(`${prefix}tenant:broken`, "{not json");
    expect(await store.getTenant("broken")).toBeNull();
  });
});
