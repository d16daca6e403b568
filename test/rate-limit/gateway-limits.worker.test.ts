// Rate limits through the whole Worker in workerd, on real Redis behind the Upstash-compatible bridge (the Worker's
// GATEWAY_CONFIG points at it, see vitest.config.ts): exactly N admitted, 429 in each dialect with the headers.
import { env, SELF } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { seedTenantKey } from "../support/seed-kv";

const bridge = inject("upstashBridge");
if (!bridge) console.warn("!! redis-server missing: the Worker limits in memory, so this file tests the memory backend !!");

const guard = (key: string) =>
  SELF.fetch("http://gateway.test/v1/guard", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ text: "What is the capital of France?", direction: "input" }),
  });

describe("per-tenant request limits in workerd", () => {
  it("admits exactly 10 of 25 concurrent requests against a limit of 10", async () => {
    const tenant = `limited-${Date.now()}`;
    const { key } = await seedTenantKey({ kv: env.EDGEGUARD_KV, tenant: { id: tenant, limits: { requests: { limit: 10, window: "1 h", algorithm: "sliding-window" } } } });
    const responses = await Promise.all(Array.from({ length: 25 }, () => guard(key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-policy")).toContain("q=10");
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limit_exceeded", type: "rate_limit_exceeded" } });
    const admitted = responses.find((r) => r.status === 200)!;
    expect(admitted.headers.get("x-ratelimit-limit-requests")).toBe("10");
  });

  it("answers 429 in Anthropic's envelope on /v1/messages", async () => {
    const tenant = `limited-msg-${Date.now()}`;
    const { key } = await seedTenantKey({ kv: env.EDGEGUARD_KV, tenant: { id: tenant, limits: { requests: { limit: 1, window: "1 h", algorithm: "sliding-window" } } } });
    const send = () =>
      SELF.fetch("http://gateway.test/v1/messages", {
        method: "POST",
        headers: { "x-api-key": key, "content-type": "application/json" },
        body: JSON.stringify({ model: "claude-haiku", max_tokens: 16, messages: [{ role: "user", content: "Hello there" }] }),
      });
    expect((await send()).status).toBe(200);
    const second = await send();
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });
});
