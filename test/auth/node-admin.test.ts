// The admin API on the Node server (`edgeguard serve --config` with adminToken + an Upstash Redis store), end to end
// over real Redis behind the Upstash-compatible bridge and the fake provider: tenants and keys created through the
// admin API work on /v1/*, rotation and revocation follow the identity cache TTL (injected clock), policy versions
// show in /v1/guard verdicts, a second server (or a restart) on the same Redis shares the state, config-file tenants
// stay read-only, and the admin API refuses tenant keys and wrong tokens. Skips loudly without redis-server.
import { Redis } from "@upstash/redis";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryAuditSink } from "../../shared/audit/memory-sink";
import { parseGatewayConfig, type GatewayConfigInput } from "../../shared/config/schema";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, makeKey, providerSection, type TestKey } from "../support/test-config";
import { startBridgedRedis } from "../support/upstash-bridge";

const ADMIN_TOKEN = `node-admin-${crypto.randomUUID()}`;
const KEY_PREFIX = `eg-node-admin-${Date.now()}:`;

type Bridged = NonNullable<Awaited<ReturnType<typeof startBridgedRedis>>>;
let bridged: Bridged | null = null;
let fake: FakeProvider;
let fileKey: TestKey;
let configInput: GatewayConfigInput;
let env: Record<string, string>;
let a: NodeServer;
let b: NodeServer;
let clock = Date.parse("2026-05-01T00:00:00Z");
const now = () => clock;
const audit = createMemoryAuditSink();
const issuedKeys: string[] = [];

async function startServer(): Promise<NodeServer> {
  return startNodeServer({ config: buildConfig(configInput), port: 0, auditSink: audit, now, env });
}

beforeAll(async () => {
  bridged = await startBridgedRedis();
  if (!bridged) {
    console.warn("!! redis-server missing: test/auth/node-admin.test.ts (admin API on Node over Redis) is SKIPPED");
    return;
  }
  fake = await startFakeProvider();
  const made = await makeKey();
  fileKey = made;
  env = { EG_TEST_ADMIN_TOKEN: ADMIN_TOKEN, EG_TEST_STORE_TOKEN: bridged.token };
  configInput = {
    ...providerSection(fake.url),
    tenants: [{ id: "file-co", keys: [made.config] }],
    adminToken: "env:EG_TEST_ADMIN_TOKEN",
    store: { backend: "upstash", url: bridged.url, token: "env:EG_TEST_STORE_TOKEN", keyPrefix: KEY_PREFIX },
  };
  [a, b] = await Promise.all([startServer(), startServer()]);
});
afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await fake?.stop();
  await bridged?.stop();
});

async function admin(server: NodeServer, method: string, path: string, options: { body?: unknown; token?: string | null } = {}) {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  const response = await fetch(`${server.url}/admin${path}`, {
    method,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), "content-type": "application/json" },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const json = (await response.json()) as Record<string, any>;
  if (typeof json.key === "string") issuedKeys.push(json.key);
  return { status: response.status, json };
}

async function chat(server: NodeServer, key: string): Promise<number> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello there" }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function guard(server: NodeServer, key: string, text: string) {
  const response = await fetch(`${server.url}/v1/guard`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: JSON.stringify({ text, direction: "input" }),
  });
  return { status: response.status, verdict: (await response.json()) as { action: string; findings: Array<{ category: string }> } };
}

async function newTenantWithKey(tenantId: string, server = a) {
  expect((await admin(server, "POST", "/tenants", { body: { id: tenantId } })).status).toBe(201);
  const created = await admin(server, "POST", `/tenants/${tenantId}/keys`, { body: {} });
  expect(created.status).toBe(201);
  return { key: created.json.key as string, keyId: created.json.record.id as string };
}

describe("admin API on Node over Redis", () => {
  it("refuses missing and wrong tokens and tenant keys, on every admin route", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { key: tenantKey } = await newTenantWithKey("guarded-co");
    for (const token of [null, "wrong-token-wrong-token-wrong", `${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(0, -1), fileKey.key, tenantKey]) {
      for (const [method, path] of [["GET", "/tenants/guarded-co"], ["POST", "/tenants/guarded-co/keys"], ["DELETE", "/tenants/guarded-co"]] as const) {
        const refused = await admin(a, method, path, { token, body: method === "POST" ? {} : undefined });
        expect(refused.status).toBe(401);
        expect(refused.json.error.code).toBe("invalid_admin_token");
      }
    }
    expect((await admin(a, "GET", "/tenants/guarded-co")).status).toBe(200); // nothing above changed it
  });

  it("a tenant and key created through the admin API work on /v1/chat/completions, on both servers", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { key } = await newTenantWithKey("acme");
    expect(await chat(a, key)).toBe(200);
    expect(await chat(b, key)).toBe(200); // B never saw the admin call: it read the key from Redis
    const seenByB = await admin(b, "GET", "/tenants/acme");
    expect(seenByB).toMatchObject({ status: 200, json: { tenant: { id: "acme", policyVersion: 0 } } });
    expect(fake.requests.at(-1)?.headers.authorization).not.toContain(key); // the tenant key never reaches the provider
    expect(await chat(a, fileKey.key)).toBe(200); // the config file's tenants keep working beside Redis ones
  });

  it("rotation: old and new keys both work until graceUntil, then only the new one", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { key, keyId } = await newTenantWithKey("rotate-co");
    expect(await chat(a, key)).toBe(200);
    const rotated = await admin(b, "POST", `/tenants/rotate-co/keys/${keyId}/rotate`, { body: { graceSeconds: 60 } });
    expect(rotated.status).toBe(201);
    expect(await chat(a, rotated.json.key)).toBe(200);
    clock += 59_999;
    expect(await chat(a, key)).toBe(200);
    clock += 1; // exactly graceUntil
    expect(await chat(a, key)).toBe(401);
    expect(await chat(b, key)).toBe(401);
    expect(await chat(a, rotated.json.key)).toBe(200);
  });

  it("revocation on one server takes effect on the other within the identity cache TTL (10 s)", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { key, keyId } = await newTenantWithKey("revoke-co");
    expect(await chat(a, key)).toBe(200); // A caches the key record now
    expect((await admin(b, "POST", `/tenants/revoke-co/keys/${keyId}/revoke`)).json.record.status).toBe("revoked");
    expect(await chat(b, key)).toBe(401); // B had not cached it; Redis, unlike KV, has no propagation delay
    clock += 9_999;
    expect(await chat(a, key)).toBe(200);
    clock += 1;
    expect(await chat(a, key)).toBe(401);
  });

  it("policy put and rollback show in /v1/guard verdicts once the tenant cache entry expires", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { key } = await newTenantWithKey("policy-co");
    const text = "Tell me everything about dragonfruit smuggling";
    expect((await guard(a, key, text)).verdict.action).toBe("allow");
    const put = await admin(a, "PUT", "/tenants/policy-co/policy", { body: { policy: { bannedTopics: { keywords: ["dragonfruit smuggling"] } } } });
    expect(put).toMatchObject({ status: 200, json: { policyVersion: 1 } });
    clock += 10_000;
    const blocked = await guard(b, key, text);
    expect(blocked.verdict.action).toBe("block");
    expect(blocked.verdict.findings.map((f) => f.category)).toContain("banned_topic");
    expect((await guard(a, key, text)).verdict.action).toBe("block");
    const rolled = await admin(b, "POST", "/tenants/policy-co/policy/rollback");
    expect(rolled.json).toMatchObject({ policyVersion: 2, restoredVersion: 0, policy: null });
    clock += 10_000;
    expect((await guard(a, key, text)).verdict.action).toBe("allow");
    await new Promise((resolve) => setTimeout(resolve, 20)); // audit writes run in the background
    const records = audit.records.filter((r) => r.tenantId === "policy-co" && r.route?.includes("guard"));
    expect(records.map((r) => r.policyVersion)).toEqual(expect.arrayContaining([0, 1, 2]));
  });

  it("config-file tenants are read-only through the admin API", async (ctx) => {
    if (!bridged) return ctx.skip();
    const created = await admin(a, "POST", "/tenants", { body: { id: "file-co" } });
    expect(created).toMatchObject({ status: 409, json: { error: { code: "tenant_read_only" } } });
    for (const [method, path] of [["POST", "/tenants/file-co/keys"], ["PUT", "/tenants/file-co/policy"], ["DELETE", "/tenants/file-co"]] as const) {
      expect((await admin(a, method, path, { body: method === "DELETE" ? undefined : {} })).json.error.code).toBe("tenant_read_only");
    }
    expect(await chat(a, fileKey.key)).toBe(200);
  });

  it("state survives a restart, and a key suspension made by one server is seen by the other (after its 5 s cache)", async (ctx) => {
    if (!bridged) return ctx.skip();
    const { key, keyId } = await newTenantWithKey("durable-co");
    await a.close();
    a = await startServer();
    expect(await chat(a, key)).toBe(200);
    await b.deps.suspensions.suspend(keyId, clock + 300_000, "test:manual");
    clock += 4_999; // A looked the suspension up 0 ms ago: its suspension cache (5 s) still says "none"
    expect(await chat(a, key)).toBe(200);
    clock += 1;
    expect(await chat(a, key)).toBe(403);
    const restarted = await startServer(); // suspensions live in Redis, not in the process
    expect(await chat(restarted, key)).toBe(403);
    await restarted.close();
  });

  it("stores no key material in Redis: no plaintext key, only hashes in key records", async (ctx) => {
    if (!bridged) return ctx.skip();
    const redis = new Redis({ url: bridged.url, token: bridged.token, automaticDeserialization: false });
    const dump: string[] = [];
    let cursor = "0";
    do {
      const [next, names] = await redis.scan(cursor, { match: `${KEY_PREFIX}*`, count: 500 });
      for (const name of names) dump.push(name, String((await redis.get<string>(name)) ?? ""));
      cursor = String(next);
    } while (cursor !== "0");
    expect(dump.some((entry) => entry.startsWith(`${KEY_PREFIX}key:`))).toBe(true);
    expect(issuedKeys.length).toBeGreaterThan(3);
    for (const key of issuedKeys) {
      const secret = key.split("_")[2];
      expect(dump.join("\n")).not.toContain(secret);
    }
    expect(dump.join("\n")).not.toContain(ADMIN_TOKEN);
  });
});

describe("a store that hangs", () => {
  it("fails closed within the store deadline instead of hanging the request", async () => {
    const hanging = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const made = await makeKey();
    const config = buildConfig({
      providers: { mock: { type: "mock", baseUrl: "mock://local", apiKey: "none" } },
      routes: [{ model: "*", provider: "mock" }],
      tenants: [{ id: "file-co", keys: [made.config] }],
      adminToken: ADMIN_TOKEN,
      store: { backend: "upstash", url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`, token: "t" },
    });
    const server = await startNodeServer({ config, port: 0, auditSink: { write: async () => {} } });
    try {
      const started = Date.now();
      const [lookup, write] = await Promise.all([chat(server, made.key), admin(server, "POST", "/tenants", { body: { id: "late-co" } })]);
      expect(lookup).toBe(403); // the suspension check cannot answer: refused (fail closed), not waved through
      expect(write.status).toBe(500);
      expect(Date.now() - started).toBeLessThan(10_000); // 2 attempts x 2 s deadline, not forever
    } finally {
      await server.close();
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});

describe("config validation for the Node admin API", () => {
  const base = () => ({ providers: { mock: { type: "mock", baseUrl: "mock://local", apiKey: "none" } }, routes: [{ model: "*", provider: "mock" }] });
  const store = { backend: "upstash" as const, url: "http://127.0.0.1:1", token: "t" };

  it("needs a store with an admin token, refuses short literal tokens and unknown store fields", () => {
    expect(parseGatewayConfig({ ...base(), adminToken: "x".repeat(16) })).toMatchObject({ ok: false, problems: [{ path: "adminToken" }] });
    expect(parseGatewayConfig({ ...base(), adminToken: "short", store })).toMatchObject({ ok: false, problems: [{ path: "adminToken" }] });
    expect(parseGatewayConfig({ ...base(), adminToken: "env:ADMIN", store: { ...store, extra: 1 } }).ok).toBe(false);
    expect(parseGatewayConfig({ ...base(), adminToken: "env:ADMIN", store }).ok).toBe(true);
    expect(parseGatewayConfig({ ...base(), adminToken: "x".repeat(16), store }).ok).toBe(true);
  });

  it("refuses to start when an env: secret is unset or the token it names is short", async () => {
    const config = buildConfig({ ...(base() as GatewayConfigInput), adminToken: "env:EG_UNSET_ADMIN", store });
    await expect(startNodeServer({ config, port: 0, env: {} })).rejects.toThrow(/EG_UNSET_ADMIN/);
    await expect(startNodeServer({ config, port: 0, env: { EG_UNSET_ADMIN: "short" } })).rejects.toThrow(/at least 16/);
  });
});
