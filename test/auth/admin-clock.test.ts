// Node: the admin API and key auth composed as on Workers, over in-memory KV with an injected clock, to measure the
// revocation delay and the rotation overlap end to end, and to check when the admin API is switched off.
import { describe, expect, it } from "vitest";
import { inMemoryGateway, TEST_ADMIN_TOKEN } from "./in-memory-gateway";

type Gateway = ReturnType<typeof inMemoryGateway>;

async function admin(gateway: Gateway, method: string, path: string, body?: unknown) {
  const response = await gateway.request(`/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function chat(gateway: Gateway, key: string): Promise<number> {
  const response = await gateway.request("/v1/chat/completions", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello" }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function tenantWithKey(gateway: Gateway) {
  expect((await admin(gateway, "POST", "/tenants", { id: "acme" })).status).toBe(201);
  const created = await admin(gateway, "POST", "/tenants/acme/keys", {});
  return { key: created.json.key as string, keyId: created.json.record.id as string };
}

describe("revocation delay (cache TTL 10 s, injected clock)", () => {
  it("a key used just before its revocation keeps working for the cache TTL, then gets 401", async () => {
    const gateway = inMemoryGateway();
    const { key, keyId } = await tenantWithKey(gateway);
    expect(await chat(gateway, key)).toBe(200);
    expect((await admin(gateway, "POST", `/tenants/acme/keys/${keyId}/revoke`)).status).toBe(200);
    gateway.advance(9_999);
    expect(await chat(gateway, key)).toBe(200);
    gateway.advance(1);
    expect(await chat(gateway, key)).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 10)); // the audit write runs in the background
    expect(gateway.audit.records.at(-1)).toMatchObject({ status: 401, reason: "revoked", keyId });
  });
});

describe("rotation overlap (injected clock)", () => {
  it("old and new keys both work until graceUntil; then only the new one", async () => {
    const gateway = inMemoryGateway();
    const { key, keyId } = await tenantWithKey(gateway);
    expect(await chat(gateway, key)).toBe(200);
    const rotated = await admin(gateway, "POST", `/tenants/acme/keys/${keyId}/rotate`, { graceSeconds: 60 });
    expect(rotated.status).toBe(201);
    for (const step of [0, 30_000, 29_999]) {
      gateway.advance(step);
      expect(await chat(gateway, key)).toBe(200);
      expect(await chat(gateway, rotated.json.key)).toBe(200);
    }
    gateway.advance(1); // exactly graceUntil
    expect(await chat(gateway, key)).toBe(401);
    expect(await chat(gateway, rotated.json.key)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gateway.audit.records.at(-2)).toMatchObject({ status: 401, reason: "expired", keyId });
  });
});

describe("admin switch", () => {
  it("is off (404) without ADMIN_TOKEN or with a short one, whatever is presented", async () => {
    for (const adminToken of [undefined, "", "short-token"]) {
      const gateway = inMemoryGateway({ adminToken });
      for (const bearer of [TEST_ADMIN_TOKEN, adminToken ?? "x", "anything"]) {
        const response = await gateway.request("/admin/tenants", { method: "POST", headers: { authorization: `Bearer ${bearer}` }, body: '{"id":"x"}' });
        expect(response.status).toBe(404);
      }
      expect(gateway.kv.entries.size).toBe(0);
    }
  });

  it("refuses unknown admin paths with 401 before revealing whether they exist", async () => {
    const gateway = inMemoryGateway();
    expect((await gateway.request("/admin/secret-stuff")).status).toBe(401);
    expect((await admin(gateway, "GET", "/secret-stuff")).status).toBe(404);
    for (const path of [`/tenants/${"x".repeat(600)}`, "/tenants/a:b/keys", "/tenants/acme/keys/bad:id/revoke"]) {
      const result = await admin(gateway, path.endsWith("revoke") ? "POST" : "GET", path);
      // "not_found" (refused by the path check), not "tenant_not_found" (looked up in KV).
      expect(result.json.error.code, path).toBe("not_found");
    }
    expect(gateway.kv.entries.size).toBe(0);
  });
});
