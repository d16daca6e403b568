// Redis dies mid-test: the limiter must answer within its timeout, denying when fail-closed (the default) and
// admitting with failOpen: true (for the audit) when fail-open. Two failure shapes: Redis killed behind a live bridge
// (the REST call fails fast → "backend_error"), and the REST endpoint itself gone while @upstash/redis keeps
// retrying for seconds (→ our own "timeout").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimitEnforcer } from "../../shared/rate-limit/enforce-limits";
import { identityKeys, planLimitChecks } from "../../shared/rate-limit/identity";
import { createUpstashBackend, createUpstashLimiter } from "../../shared/rate-limit/upstash-limiter";
import type { FailMode } from "../../shared/rate-limit/types";
import { startRealRedis, uniquePrefix, type RealRedis } from "./real-redis";

const TIMEOUT_MS = 300;
const MARGIN_MS = 250;

describe("Redis killed behind a live bridge", () => {
  let real: RealRedis | null = null;
  beforeAll(async () => {
    real = await startRealRedis();
  });
  afterAll(async () => {
    await real?.stop();
  });

  const make = (failMode: FailMode) =>
    createUpstashLimiter({
      redis: real!.client(),
      algorithm: { kind: "sliding-window", limit: 5, window: "1 m" },
      prefix: uniquePrefix(`kill-${failMode}`),
      timeoutMs: TIMEOUT_MS,
      failMode,
    });

  it("answers from Redis while it is up, then fail-closed denies and fail-open admits (audited) within the timeout", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const closed = make("closed");
    const open = make("open");
    expect(await closed.check({ identity: "k" })).toMatchObject({ success: true, remaining: 4, failOpen: false });
    expect(await open.check({ identity: "k" })).toMatchObject({ success: true, remaining: 4, failOpen: false });

    real.redisServer.kill();
    await real.redisServer.exited;

    let started = Date.now();
    const denied = await closed.check({ identity: "k" });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(denied).toMatchObject({ success: false, failOpen: false, retryAfterSeconds: 1 });
    expect(["backend_error", "timeout"]).toContain(denied.reason);
    expect(denied.detail).toBeTruthy();

    started = Date.now();
    const admitted = await open.check({ identity: "k" });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(admitted).toMatchObject({ success: true, failOpen: true });
    expect(["backend_error", "timeout"]).toContain(admitted.reason);
  });

  it("the enforcer turns fail-closed into 503 and fail-open into an allowed request with decisions to audit", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    real.redisServer.kill(); // idempotent: this test must not depend on the previous one having run
    await real.redisServer.exited;
    const checks = planLimitChecks({ identities: identityKeys({ tenantId: "acme", keyId: "k1" }), tenantLimits: { requests: { limit: 5, window: "1 m" }, tokens: { limit: 100, window: "1 m" } } });
    const enforcerFor = (failMode: FailMode) =>
      createLimitEnforcer({ backend: createUpstashBackend({ redis: real!.client(), timeoutMs: TIMEOUT_MS, failMode, keyPrefix: uniquePrefix("enf") }) });
    const started = Date.now();
    const closed = await enforcerFor("closed").enforce({ checks, estimatedTokens: 10 });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(closed).toMatchObject({ status: "unavailable", httpStatus: 503 });
    expect(closed.headers["Retry-After"]).toBe("1");
    const open = await enforcerFor("open").enforce({ checks, estimatedTokens: 10 });
    expect(open).toMatchObject({ status: "allowed", httpStatus: 200 });
    expect(open.failOpen.map((d) => d.policyName)).toEqual(["requests", "tokens"]);
    await open.pending; // never rejects
  });
});

describe("REST endpoint unreachable while the client retries", () => {
  it("our timeout answers before @upstash/redis gives up", async (ctx) => {
    const real = await startRealRedis();
    if (!real) return ctx.skip("redis-server not installed");
    const redis = real.client({ defaultRetries: true }); // 5 retries with exponential backoff: ~4 s before it throws
    await real.stop();
    const rl = createUpstashLimiter({
      redis,
      algorithm: { kind: "token-bucket", limit: 5, window: "1 m" },
      prefix: uniquePrefix("unreachable"),
      timeoutMs: TIMEOUT_MS,
    });
    const started = Date.now();
    const decision = await rl.check({ identity: "k" });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(decision).toMatchObject({ success: false, reason: "timeout", failOpen: false });
  });
});
