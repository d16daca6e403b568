// createUpstashLimiter against stub Redis clients (no server needed): our timeout and fail modes replace
// Ratelimit's silent "timeout → success", thrown errors become backend_error, and cost reaches the Lua script.
// The same behaviour against a real redis-server lives in test/rate-limit/.
import { describe, expect, it } from "vitest";
import { createUpstashLimiter, type UpstashRedis } from "./upstash-limiter";

function stubRedis(evalsha: (sha: string, keys: string[], args: unknown[]) => Promise<unknown>): UpstashRedis {
  return {
    evalsha,
    eval: (_script: string, keys: string[], args: unknown[]) => evalsha("", keys, args),
    get: async () => null,
    set: async () => "OK",
  } as unknown as UpstashRedis;
}
const algorithm = { kind: "sliding-window", limit: 10, window: "1 m" } as const;
let n = 0;
const prefix = () => `stub:${n++}`;

describe("createUpstashLimiter failure handling", () => {
  it("fail-closed: a hung Redis is answered by our timeout with success false", async () => {
    const hung = stubRedis(() => new Promise(() => undefined));
    const limiter = createUpstashLimiter({ redis: hung, algorithm, prefix: prefix(), timeoutMs: 50 });
    const started = Date.now();
    const decision = await limiter.check({ identity: "k" });
    expect(Date.now() - started).toBeLessThan(500);
    expect(decision).toMatchObject({ success: false, reason: "timeout", failOpen: false, limit: 10, retryAfterSeconds: 1 });
  });

  it("fail-open: a hung Redis lets the request through, marked failOpen for the audit", async () => {
    const hung = stubRedis(() => new Promise(() => undefined));
    const limiter = createUpstashLimiter({ redis: hung, algorithm, prefix: prefix(), timeoutMs: 50, failMode: "open" });
    expect(await limiter.check({ identity: "k" })).toMatchObject({ success: true, reason: "timeout", failOpen: true });
  });

  it("a thrown backend error becomes backend_error with the message kept for the log", async () => {
    const broken = stubRedis(async () => {
      throw new Error("ECONNREFUSED");
    });
    const limiter = createUpstashLimiter({ redis: broken, algorithm, prefix: prefix(), timeoutMs: 1_000 });
    const decision = await limiter.check({ identity: "k" });
    expect(decision).toMatchObject({ success: false, reason: "backend_error", failOpen: false });
    expect(decision.detail).toContain("ECONNREFUSED");
  });

  it("passes the cost to the script and maps its answer", async () => {
    const seen: unknown[][] = [];
    const redis = stubRedis(async (_sha, _keys, args) => {
      seen.push(args);
      return [4, 10]; // sliding window script: [remaining, effective limit]
    });
    const limiter = createUpstashLimiter({ redis, algorithm, prefix: prefix(), policyName: "tokens" });
    const decision = await limiter.check({ identity: "k", cost: 6 });
    expect(seen[0][3]).toBe(6);
    expect(decision).toMatchObject({ success: true, remaining: 4, limit: 10, policyName: "tokens", windowMs: 60_000, failOpen: false });
    expect(decision.reason).toBeUndefined();
  });
});
