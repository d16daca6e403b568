// The production limiter: @upstash/ratelimit over a Redis client (on Workers the two-command upstash-script-client.ts,
// on Node `@upstash/redis`'s). Counters are global and atomic (Lua in Redis), so limits hold across
// isolates and instances. What this file adds on top of Ratelimit:
// - an explicit timeout and fail mode. Ratelimit's own `timeout` resolves `success: true, reason: "timeout"`, which
//   would silently fail open; it is disabled here and the race is ours: "closed" (default) denies, "open" admits with
//   `failOpen: true` so the caller audits it. Thrown backend errors (Redis down) take the same path.
// - a module-scope ephemeral cache per limiter config, so an isolate that already saw an identity blocked answers
//   "cacheBlock" without a Redis round trip until the window resets.
import { Ratelimit } from "@upstash/ratelimit";
import { parseDuration, retryAfterFrom, toDurationString } from "./duration";
import type { FailMode, LimitAlgorithm, LimitDecision, LimiterBackend, LimiterSpec, RateLimiter } from "./types";

/** The Redis client Ratelimit's constructor asks for (@upstash/redis's; upstash-script-client.ts stands in for it). */
export type UpstashRedis = ConstructorParameters<typeof Ratelimit>[0]["redis"];

export interface UpstashLimiterOptions {
  redis: UpstashRedis;
  algorithm: LimitAlgorithm;
  /** Redis key namespace; must differ between limits that count different things. */
  prefix: string;
  /** Stamped on decisions; names the RateLimit header policy. */
  policyName?: string;
  /** Longest wait for Redis before the fail mode decides. Keep it well under the request budget. */
  timeoutMs?: number;
  failMode?: FailMode;
  /** Clock for Retry-After arithmetic only (Ratelimit reads Date.now() itself). */
  now?: () => number;
}

// Module scope on purpose: it outlives one request inside an isolate, which is what makes the cache useful.
const ephemeralCaches = new Map<string, Map<string, number>>();

function cacheFor(options: { prefix: string; algorithm: LimitAlgorithm }): Map<string, number> {
  const { prefix, algorithm } = options;
  const key = [prefix, algorithm.kind, algorithm.limit, algorithm.window, algorithm.refillRate ?? ""].join("|");
  let cache = ephemeralCaches.get(key);
  if (!cache) {
    cache = new Map();
    ephemeralCaches.set(key, cache);
  }
  return cache;
}

function buildAlgorithm(algorithm: LimitAlgorithm) {
  const window = toDurationString(algorithm.window);
  if (!Number.isInteger(algorithm.limit) || algorithm.limit <= 0) throw new Error(`limit must be a positive integer`);
  switch (algorithm.kind) {
    case "sliding-window":
      return Ratelimit.slidingWindow(algorithm.limit, window);
    case "fixed-window":
      return Ratelimit.fixedWindow(algorithm.limit, window);
    case "token-bucket":
      return Ratelimit.tokenBucket(algorithm.refillRate ?? algorithm.limit, window, algorithm.limit);
  }
}

const swallow = (promise: Promise<unknown>): Promise<unknown> => promise.then(
  () => undefined,
  () => undefined,
);

export function createUpstashLimiter(options: UpstashLimiterOptions): RateLimiter {
  const { redis, algorithm, prefix, policyName = "requests", timeoutMs = 500, failMode = "closed", now = Date.now } = options;
  const windowMs = parseDuration(algorithm.window);
  const ratelimit = new Ratelimit({
    redis,
    limiter: buildAlgorithm(algorithm),
    prefix,
    timeout: 0, // we race ourselves; Ratelimit's timeout would resolve success:true
    analytics: false,
    enableProtection: false,
    ephemeralCache: cacheFor({ prefix, algorithm }),
  });

  function unavailable(reason: "timeout" | "backend_error", pending: Promise<unknown>, detail: string): LimitDecision {
    const open = failMode === "open";
    return {
      success: open,
      limit: algorithm.limit,
      remaining: 0,
      reset: 0,
      retryAfterSeconds: open ? 0 : 1,
      windowMs,
      policyName,
      reason,
      failOpen: open,
      pending,
      detail,
    };
  }

  async function check({ identity, cost = 1 }: { identity: string; cost?: number }): Promise<LimitDecision> {
    const call = ratelimit.limit(identity, cost === 1 ? undefined : { rate: cost });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      const outcome = await Promise.race([call, timedOut]);
      if (outcome === "timeout") {
        // The call keeps running; hand it to waitUntil so the isolate does not cut it mid-write.
        return unavailable("timeout", swallow(call), `no answer from Redis within ${timeoutMs} ms`);
      }
      const at = now();
      return {
        success: outcome.success,
        limit: outcome.limit,
        remaining: Math.max(0, outcome.remaining),
        reset: outcome.reset,
        retryAfterSeconds: outcome.success ? 0 : retryAfterFrom({ reset: outcome.reset, now: at }),
        windowMs,
        policyName,
        reason: outcome.reason === "cacheBlock" ? "cacheBlock" : undefined,
        failOpen: false,
        pending: swallow(outcome.pending ?? Promise.resolve()),
      };
    } catch (error) {
      return unavailable("backend_error", Promise.resolve(), error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  return { policyName, check };
}

export interface UpstashBackendOptions {
  redis: UpstashRedis;
  timeoutMs?: number;
  failMode?: FailMode;
  /** Prepended to every spec's prefix, e.g. "eg:" or a per-test namespace. */
  keyPrefix?: string;
}

export function createUpstashBackend(options: UpstashBackendOptions): LimiterBackend {
  const { keyPrefix = "", ...rest } = options;
  return {
    kind: "upstash",
    create: (spec: LimiterSpec) =>
      createUpstashLimiter({ ...rest, algorithm: spec.algorithm, prefix: keyPrefix + spec.prefix, policyName: spec.policyName }),
  };
}
