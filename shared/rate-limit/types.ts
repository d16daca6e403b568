// The rate-limit contracts the gateway codes against, whichever backend runs (Upstash Redis or in-memory).
// A limiter answers one question — may this identity spend `cost` units now? — with a LimitDecision that carries
// everything needed for the 429/503 answer, the RateLimit headers and the audit record.

/** Why a decision did not come from a normal counter check. Absent for ordinary allow/deny answers. */
export type LimitReason =
  /** The backend did not answer within the limiter's timeout; the fail mode decided. */
  | "timeout"
  /** The backend failed (Redis down, network error, bad reply); the fail mode decided. */
  | "backend_error"
  /** Denied from the module-scope ephemeral cache without asking the backend (identity known to be blocked). */
  | "cacheBlock";

export interface LimitDecision {
  /** May the request proceed? */
  success: boolean;
  /** Units allowed per window (requests or tokens). 0 when unknown (backend unreachable). */
  limit: number;
  /** Units left in the current window after this check, never negative. */
  remaining: number;
  /** When the window resets / enough budget is back, epoch milliseconds. 0 when unknown. */
  reset: number;
  /** Whole seconds a denied client should wait (Retry-After); 0 when success. At least 1 when denied. */
  retryAfterSeconds: number;
  /** Length of the limit's window in milliseconds (the `w` of the RateLimit-Policy header). */
  windowMs: number;
  /** Which limit this is ("requests", "tokens", "daily-tokens"); names the RateLimit header policy. */
  policyName: string;
  reason?: LimitReason;
  /**
   * True when the backend failed and the policy said "open", so the request passes unchecked. The caller MUST audit
   * it (DESIGN principle 1). Always false when the decision came from a real counter.
   */
  failOpen: boolean;
  /** Why the backend failed (timeout/backend_error), for the audit record and logs; never sent to clients. */
  detail?: string;
  /** Background work (cache sync, in-flight backend call after a timeout); hand it to `ctx.waitUntil`. Never rejects. */
  pending: Promise<unknown>;
}

export interface CheckOptions {
  /** The limiter key, e.g. from `identityKeys` ("key:acme:k1"). */
  identity: string;
  /**
   * Units to charge (default 1). A negative cost returns units (token-budget refunds); see token-budget.ts for which
   * algorithms refund exactly.
   */
  cost?: number;
}

export interface RateLimiter {
  /** The policy name stamped on every decision. */
  readonly policyName: string;
  check(options: CheckOptions): Promise<LimitDecision>;
}

export type LimitAlgorithmKind = "sliding-window" | "token-bucket" | "fixed-window";

export interface LimitAlgorithm {
  kind: LimitAlgorithmKind;
  /** Units per window; for token-bucket, the bucket size (burst). */
  limit: number;
  /** A duration string: "10 s", "1 m", "1 h", "1 d" (see duration.ts). */
  window: string;
  /** token-bucket only: units added back every `window` (default: `limit`, i.e. a full refill per window). */
  refillRate?: number;
}

export type FailMode = "closed" | "open";

/** What a backend needs to build one limiter. */
export interface LimiterSpec {
  policyName: string;
  algorithm: LimitAlgorithm;
  /** Namespace for keys, e.g. "eg:rl:requests". Different limits must use different prefixes. */
  prefix: string;
}

/** Builds limiters on one backend, so the gateway does not care whether Redis or memory runs underneath. */
export interface LimiterBackend {
  readonly kind: "upstash" | "memory";
  create(spec: LimiterSpec): RateLimiter;
}
