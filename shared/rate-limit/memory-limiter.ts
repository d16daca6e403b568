// In-memory limiters with the same contract as upstash-limiter.ts, for `npm start`'s embedded default and Node
// without Redis. Counts live in this process only: N instances admit N× the limit, hence the one-time warning.
// The arithmetic mirrors @upstash/ratelimit's Lua so both backends agree for unit costs:
// - fixed-window: counter per window bucket; every charge is recorded, success = used <= limit (exact refunds).
// - sliding-window: current bucket + previous bucket weighted by how much of it still overlaps the window.
//   Unlike Upstash's script, a charge that would overshoot is denied without being recorded (same result for cost 1).
// - token-bucket: `refillRate` units back every whole `window` since the last refill, capped at `limit`.
import { parseDuration, retryAfterFrom } from "./duration";
import type { LimitAlgorithm, LimitDecision, LimiterBackend, LimiterSpec, RateLimiter } from "./types";

export interface MemoryLimiterOptions {
  algorithm: LimitAlgorithm;
  policyName?: string;
  now?: () => number;
  /** Entries kept before expired ones are swept (and, past that, the oldest dropped). Bounds memory. */
  maxEntries?: number;
  /** Where the one-time "per process" warning goes. */
  warn?: (message: string) => void;
}

interface Entry {
  expiresAt: number;
  /** fixed/sliding: count per window bucket; token-bucket: tokens and last refill. */
  buckets?: Map<number, number>;
  tokens?: number;
  refilledAt?: number;
}

interface Outcome {
  success: boolean;
  remaining: number;
  reset: number;
}

let warnedPerProcess = false;
export const PER_PROCESS_WARNING =
  "[edgeguard] rate limits use the in-memory backend: counts are per process, so several instances admit more than " +
  'the configured limits. Configure rateLimit.backend "upstash" for global limits.';

export function createMemoryLimiter(options: MemoryLimiterOptions): RateLimiter {
  const { algorithm, policyName = "requests", now = Date.now, maxEntries = 50_000, warn = console.warn } = options;
  const windowMs = parseDuration(algorithm.window);
  const { limit } = algorithm;
  const refillRate = algorithm.refillRate ?? limit;
  const entries = new Map<string, Entry>();
  if (!warnedPerProcess) {
    warnedPerProcess = true;
    warn(PER_PROCESS_WARNING);
  }

  // A sweep walks every entry, so it runs only once the bound is passed and leaves a tenth of it free: a flood of new
  // identities (many source addresses, made-up end users) then pays one walk per maxEntries / 10 checks, not one per
  // check (~0.44 ms a check at 50,000 live identities; docs/performance.md, session 20).
  const sweptTo = Math.floor(maxEntries * 0.9);
  function sweep(at: number): void {
    if (entries.size <= maxEntries) return;
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    // Still too many live identities: forget the oldest rather than grow without bound.
    for (const key of entries.keys()) {
      if (entries.size <= sweptTo) break;
      entries.delete(key);
    }
  }

  function entryFor(identity: string, at: number): Entry {
    let entry = entries.get(identity);
    if (!entry || entry.expiresAt <= at) {
      entry = { expiresAt: at };
      entries.set(identity, entry);
    }
    return entry;
  }

  function fixedWindow(entry: Entry, at: number, cost: number): Outcome {
    const bucket = Math.floor(at / windowMs);
    const used = (entry.buckets?.get(bucket) ?? 0) + cost;
    entry.buckets = new Map([[bucket, used]]);
    entry.expiresAt = (bucket + 1) * windowMs;
    return { success: used <= limit, remaining: Math.max(0, limit - used), reset: (bucket + 1) * windowMs };
  }

  function slidingWindow(entry: Entry, at: number, cost: number): Outcome {
    const bucket = Math.floor(at / windowMs);
    const current = entry.buckets?.get(bucket) ?? 0;
    const previousRaw = entry.buckets?.get(bucket - 1) ?? 0;
    const previous = Math.floor((1 - (at % windowMs) / windowMs) * previousRaw);
    const reset = (bucket + 1) * windowMs;
    if (cost > 0 && previous + current + cost > limit) {
      return { success: false, remaining: Math.max(0, limit - previous - current), reset };
    }
    const updated = Math.max(0, current + cost);
    entry.buckets = new Map([
      [bucket - 1, previousRaw],
      [bucket, updated],
    ]);
    entry.expiresAt = (bucket + 2) * windowMs;
    return { success: true, remaining: Math.max(0, limit - previous - updated), reset };
  }

  function tokenBucket(entry: Entry, at: number, cost: number): Outcome {
    let tokens = entry.tokens ?? limit;
    let refilledAt = entry.refilledAt ?? at;
    if (at >= refilledAt + windowMs) {
      const refills = Math.floor((at - refilledAt) / windowMs);
      tokens = Math.min(limit, tokens + refills * refillRate);
      refilledAt += refills * windowMs;
    }
    const reset = refilledAt + windowMs;
    if (cost > 0 && tokens < cost) {
      entry.tokens = tokens;
      entry.refilledAt = refilledAt;
      return { success: false, remaining: Math.max(0, tokens), reset };
    }
    tokens = Math.min(limit, tokens - cost);
    entry.tokens = tokens;
    entry.refilledAt = refilledAt;
    // After this the bucket is full again, and a fresh entry is equivalent.
    entry.expiresAt = refilledAt + Math.max(1, Math.ceil((limit - tokens) / refillRate)) * windowMs;
    return { success: true, remaining: Math.max(0, tokens), reset };
  }

  async function check({ identity, cost = 1 }: { identity: string; cost?: number }): Promise<LimitDecision> {
    const at = now();
    sweep(at);
    const entry = entryFor(identity, at);
    const step = algorithm.kind === "fixed-window" ? fixedWindow : algorithm.kind === "sliding-window" ? slidingWindow : tokenBucket;
    const outcome = step(entry, at, cost);
    // Written out, not `{ ...outcome, limit, … }`: on Node 20 each property added after a spread costs ~1 µs
    // (docs/performance.md, session 19).
    return {
      success: outcome.success,
      remaining: outcome.remaining,
      reset: outcome.reset,
      limit,
      retryAfterSeconds: outcome.success ? 0 : retryAfterFrom({ reset: outcome.reset, now: at }),
      windowMs,
      policyName,
      failOpen: false,
      pending: Promise.resolve(),
    };
  }

  return { policyName, check };
}

export function createMemoryBackend(options: Omit<MemoryLimiterOptions, "algorithm" | "policyName"> = {}): LimiterBackend {
  // One store per (prefix, algorithm), so the same limit asked for twice shares its counters within the process.
  const limiters = new Map<string, RateLimiter>();
  return {
    kind: "memory",
    create(spec: LimiterSpec): RateLimiter {
      const { algorithm } = spec;
      const key = [spec.prefix, algorithm.kind, algorithm.limit, algorithm.window, algorithm.refillRate ?? ""].join("|");
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = createMemoryLimiter({ ...options, algorithm, policyName: spec.policyName });
        limiters.set(key, limiter);
      }
      return limiter;
    },
  };
}

/** Test hook: lets a test observe the one-time warning again. */
export function resetPerProcessWarningForTests(): void {
  warnedPerProcess = false;
}
