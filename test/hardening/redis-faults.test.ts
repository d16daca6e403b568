// Redis killed mid-run under the Node server with the Upstash backend (real redis-server behind the Upstash REST
// bridge): fail-closed (the default) answers 503 in the route's envelope within the limiter timeout; failMode "open"
// lets requests through and audits a failOpen entry. No crash, one audit record each, and both servers keep answering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { startRealRedis, type RealRedis } from "../rate-limit/real-redis";
import { dialectFor, envelopeProblem, startHardeningGateway, tryJson, type HardeningGateway } from "./hardening-gateway";

const LIMITER_TIMEOUT_MS = 300;
const SLACK_MS = 700;

let real: RealRedis | null = null;
let fake: FakeProvider;
const gateways: Partial<Record<"closed" | "open", HardeningGateway>> = {};

beforeAll(async () => {
  real = await startRealRedis();
  if (!real) return;
  fake = await startFakeProvider();
  for (const failMode of ["closed", "open"] as const) {
    gateways[failMode] = await startHardeningGateway({
      fake,
      configure: (base) => ({
        ...base,
        tenants: base.tenants!.map((tenant) => ({ ...tenant, limits: { requests: { limit: 10_000, window: "1 m" }, tokens: { limit: 10_000_000, window: "1 m" } } })),
        rateLimit: { backend: "upstash", url: real!.bridge.url, token: real!.bridge.token, timeoutMs: LIMITER_TIMEOUT_MS, failMode },
      }),
    });
  }
});
afterAll(async () => {
  await gateways.closed?.close();
  await gateways.open?.close();
  await fake?.stop();
  await real?.stop();
});

async function send(gateway: HardeningGateway, path: "/v1/chat/completions" | "/v1/messages" | "/v1/guard", content: string) {
  const body = path === "/v1/guard" ? { text: content, direction: "input" } : { model: path === "/v1/messages" ? "claude-sonnet-4" : "gpt-4o-mini", max_tokens: 16, messages: [{ role: "user", content }] };
  const started = performance.now();
  const response = await fetch(`${gateway.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${gateway.key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  gateway.expectedAudit++;
  return { status: response.status, headers: response.headers, body: tryJson(text), ms: performance.now() - started };
}

describe("Redis killed mid-run", () => {
  it("limits from Redis while it is up, then fail-closed answers 503 fast and fail-open admits with an audited failOpen", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const closed = gateways.closed!;
    const open = gateways.open!;
    for (const gateway of [closed, open]) {
      const up = await send(gateway, "/v1/chat/completions", "before the crash");
      expect(up.status).toBe(200);
      expect(Number(up.headers.get("x-ratelimit-remaining-requests"))).toBeLessThan(10_000); // counted in Redis (the tenant is shared)
    }

    real.redisServer.kill();
    await real.redisServer.exited;

    // Fail closed, in each dialect, and again and again: no hang, no crash, no 500.
    for (const path of ["/v1/chat/completions", "/v1/messages", "/v1/guard", "/v1/chat/completions"] as const) {
      const down = await send(closed, path, "while redis is down");
      expect(down.status, path).toBe(503);
      expect(down.ms, path).toBeLessThan(LIMITER_TIMEOUT_MS + SLACK_MS);
      expect(down.headers.get("retry-after"), path).toBe("1");
      expect(envelopeProblem({ dialect: dialectFor(path), body: down.body }), path).toBeNull();
    }
    expect(await closed.auditMatches()).toBeNull();
    expect(closed.audit.recent.at(-1)).toMatchObject({ status: 503, reason: "limiter_fail_closed", failOpen: [] });

    // Fail open: the request is answered, and the audit says why it was let through.
    const admitted = await send(open, "/v1/chat/completions", "while redis is down");
    expect(admitted.status).toBe(200);
    expect(admitted.ms).toBeLessThan(LIMITER_TIMEOUT_MS + SLACK_MS + 500);
    expect((admitted.body as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe("Echo: while redis is down");
    expect(await open.auditMatches()).toBeNull();
    const record = open.audit.recent.at(-1)!;
    expect(record.status).toBe(200);
    expect(record.failOpen.length).toBeGreaterThan(0);
    expect(record.failOpen.every((entry) => entry.startsWith("rate_limit:"))).toBe(true);

    // Both servers keep answering a burst, each request within the timeout budget, one audit record each.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? closed : open, "/v1/chat/completions", "while redis is still down")));
    for (const [i, answer] of burst.entries()) expect(answer.status).toBe(i % 2 ? 503 : 200);
    expect(Math.max(...burst.map((a) => a.ms))).toBeLessThan(LIMITER_TIMEOUT_MS + SLACK_MS + 1_000);
    expect((await fetch(`${closed.url}/healthz`)).status).toBe(200);
    expect(await closed.auditMatches()).toBeNull();
    expect(await open.auditMatches()).toBeNull();
  });
});
