// @upstash/ratelimit through createUpstashLimiter on a real redis-server (via the Upstash REST bridge): exact limits
// under concurrency, isolation, window expiry, token-bucket refill, the ephemeral cache, and token budgets settled
// against actual usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimitEnforcer } from "../../shared/rate-limit/enforce-limits";
import { identityKeys, planLimitChecks } from "../../shared/rate-limit/identity";
import { createTokenBudget } from "../../shared/rate-limit/token-budget";
import type { LimitAlgorithm } from "../../shared/rate-limit/types";
import { createUpstashBackend, createUpstashLimiter } from "../../shared/rate-limit/upstash-limiter";
import { sleep, startRealRedis, uniquePrefix, type RealRedis } from "./real-redis";

let real: RealRedis | null = null;
beforeAll(async () => {
  real = await startRealRedis();
});
afterAll(async () => {
  await real?.stop();
});

function limiter(algorithm: LimitAlgorithm, label: string) {
  return createUpstashLimiter({ redis: real!.client(), algorithm, prefix: uniquePrefix(label), timeoutMs: 2_000 });
}

async function admittedOf(options: { check: () => Promise<{ success: boolean }>; times: number }): Promise<number> {
  const results = await Promise.all(Array.from({ length: options.times }, options.check));
  return results.filter((r) => r.success).length;
}

describe("exact limits under concurrency (real Redis)", () => {
  for (const kind of ["sliding-window", "token-bucket", "fixed-window"] as const) {
    it(`${kind}: 25 concurrent checks against a limit of 10 admit exactly 10`, async (ctx) => {
      if (!real) return ctx.skip("redis-server not installed");
      const rl = limiter({ kind, limit: 10, window: "1 h" }, kind);
      const decisions = await Promise.all(Array.from({ length: 25 }, () => rl.check({ identity: "key:acme:k1" })));
      expect(decisions.filter((d) => d.success)).toHaveLength(10);
      const denied = decisions.filter((d) => !d.success);
      expect(denied).toHaveLength(15);
      for (const d of denied) {
        expect(d).toMatchObject({ remaining: 0, failOpen: false, limit: 10 });
        expect(d.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(d.reason === undefined || d.reason === "cacheBlock").toBe(true);
      }
    });
  }

  it("keeps identities apart", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const rl = limiter({ kind: "sliding-window", limit: 3, window: "1 h" }, "isolation");
    expect(await admittedOf({ check: () => rl.check({ identity: "tenant:a" }), times: 5 })).toBe(3);
    expect(await admittedOf({ check: () => rl.check({ identity: "tenant:b" }), times: 5 })).toBe(3);
  });

  it("answers from the ephemeral cache once an identity is blocked, without a Redis round trip", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const rl = limiter({ kind: "sliding-window", limit: 1, window: "1 h" }, "cache");
    await rl.check({ identity: "x" });
    expect((await rl.check({ identity: "x" })).reason).toBeUndefined(); // the first denial comes from Redis
    const before = real.bridge.commandCount;
    const cached = await rl.check({ identity: "x" });
    expect(cached).toMatchObject({ success: false, reason: "cacheBlock" });
    expect(real.bridge.commandCount).toBe(before);
  });
});

describe("windows move on (real Redis, short windows)", () => {
  it("sliding window: admits again once the window and its weighted predecessor have passed", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const rl = limiter({ kind: "sliding-window", limit: 3, window: "1 s" }, "expiry");
    expect(await admittedOf({ check: () => rl.check({ identity: "e" }), times: 5 })).toBe(3);
    const bucketStart = Math.floor(Date.now() / 1_000) * 1_000;
    await sleep(bucketStart + 2_000 + 30 - Date.now());
    expect(await admittedOf({ check: () => rl.check({ identity: "e" }), times: 5 })).toBe(3);
  });

  it("token bucket: refills refillRate per window", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const rl = limiter({ kind: "token-bucket", limit: 3, window: "1 s", refillRate: 1 }, "refill");
    expect(await admittedOf({ check: () => rl.check({ identity: "r" }), times: 5 })).toBe(3);
    const denied = await rl.check({ identity: "r" });
    expect(denied.success).toBe(false);
    await sleep(denied.reset - Date.now() + 30);
    expect(await admittedOf({ check: () => rl.check({ identity: "r" }), times: 3 })).toBe(1);
  });
});

describe("token budget on real Redis", () => {
  it("charges the estimate, settles to actual usage (more and less), and refuses what no longer fits", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const backend = createUpstashBackend({ redis: real.client(), timeoutMs: 2_000, keyPrefix: uniquePrefix("budget") });
    const budget = createTokenBudget({ backend, tokens: { limit: 1_000, window: "1 h" }, dailyTokens: 5_000 });
    const first = await budget.reserve({ identity: "key:acme:k1", estimate: 300 });
    expect(first.decisions.map((d) => d.remaining)).toEqual([700, 4_700]);
    await first.settle({ actualTokens: 520 }); // streamed answer longer than estimated
    const second = await budget.reserve({ identity: "key:acme:k1", estimate: 400 });
    expect(second.decisions.map((d) => d.remaining)).toEqual([80, 4_080]);
    await second.settle({ actualTokens: 30 }); // over-estimate refunded
    const refused = await budget.reserve({ identity: "key:acme:k1", estimate: 500 });
    expect(refused.success).toBe(false); // 550 used, 500 more does not fit in 1 000
    const fits = await budget.reserve({ identity: "key:acme:k1", estimate: 450 });
    expect(fits.success).toBe(true); // the refused reservation left no trace
    expect(fits.decisions.map((d) => d.remaining)).toEqual([0, 4_000]);
  });
});

describe("enforcer on real Redis", () => {
  it("25 concurrent requests against a limit of 10: 10 allowed, 15 answered 429 with headers", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const backend = createUpstashBackend({ redis: real.client(), timeoutMs: 2_000, keyPrefix: uniquePrefix("enforce") });
    const enforcer = createLimitEnforcer({ backend });
    const checks = planLimitChecks({ identities: identityKeys({ tenantId: "acme", keyId: "k1" }), keyLimits: { requests: { limit: 10, window: "1 m" } } });
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => enforcer.enforce({ checks })));
    const allowed = outcomes.filter((o) => o.httpStatus === 200);
    const limited = outcomes.filter((o) => o.httpStatus === 429);
    expect(allowed).toHaveLength(10);
    expect(limited).toHaveLength(15);
    for (const o of limited) {
      expect(Number(o.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
      expect(o.headers["RateLimit-Policy"]).toBe('"requests";q=10;w=60');
      expect(o.headers["x-ratelimit-remaining-requests"]).toBe("0");
    }
    expect(allowed.map((o) => Number(o.headers["x-ratelimit-remaining-requests"])).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
