// LLM token limits per window (and an optional daily budget): reserve an estimate before forwarding, settle against
// the provider's reported usage after the answer (streamed or not).
//
// Algorithm: token limits always run on fixed windows. With @upstash/ratelimit it is the only algorithm whose
// charges are exact in both directions: every `limit(id, { rate: n })` is an INCRBY on the window's counter, so
// - a denied reservation was recorded and is refunded at once (rate -n), so it costs the client nothing;
// - a settle charges `actual - estimate` even when the window is already spent (usage really happened);
// - a too-high estimate is refunded (rate -diff) while still in the window it was charged to. Once that window has
//   rolled over the refund is dropped: returning units to the NEW window would grant budget that was never spent.
// Sliding windows deny a charge without telling whether it was recorded, and token buckets refuse to record a charge
// that exceeds what is left, so neither can settle exactly. The cost: a fixed window admits up to 2× the limit across
// a window boundary. The daily budget is a fixed "1 d" window: it resets at 00:00 UTC.
// A decision denied from the ephemeral cache ("cacheBlock") charged nothing; a settle charge hitting that cache is
// skipped, which only affects a window that is already exhausted.
import { parseDuration } from "./duration";
import type { LimitDecision, LimiterBackend, RateLimiter } from "./types";

export interface TokenBudgetOptions {
  backend: LimiterBackend;
  /** Tokens per window, e.g. { limit: 100_000, window: "1 m" }. */
  tokens?: { limit: number; window: string };
  /** Tokens per UTC day. */
  dailyTokens?: number;
  /** Key namespace; the window and daily budgets get ":tokens" / ":daily-tokens" appended. */
  prefix?: string;
  /** Must agree with the backend's clock (Date.now for Upstash); used to tell whether a refund is still in-window. */
  now?: () => number;
}

export interface TokenSettlement {
  /** Net units charged by this settle per limit (negative = refunded); 0 when skipped. */
  adjustments: Array<{ policyName: string; delta: number; decision: LimitDecision | null }>;
}

export interface TokenReservation {
  success: boolean;
  estimate: number;
  /** One per configured token limit, in order: "tokens", then "daily-tokens". */
  decisions: LimitDecision[];
  /** The first decision that denied, if any. */
  denied: LimitDecision | null;
  /** Charge the difference between the provider's reported usage and the estimate. Runs once; later calls no-op. */
  settle(options: { actualTokens: number }): Promise<TokenSettlement>;
  /** Hand to waitUntil: the decisions' own background work (cache sync, timed-out calls). Never rejects. */
  pending: Promise<unknown>;
}

export interface TokenBudget {
  /** No token limit configured: reserve always succeeds with no decisions. */
  readonly enabled: boolean;
  reserve(options: { identity: string; estimate: number }): Promise<TokenReservation>;
}

interface Meter {
  limiter: RateLimiter;
  windowMs: number;
}

/** A decision that came from a real counter, i.e. the charge was recorded (fixed window records every charge). */
function recorded(decision: LimitDecision): boolean {
  return decision.reason === undefined && !decision.failOpen;
}

export function createTokenBudget(options: TokenBudgetOptions): TokenBudget {
  const { backend, tokens, dailyTokens, prefix = "eg", now = Date.now } = options;
  const meters: Meter[] = [];
  if (tokens) {
    meters.push({
      limiter: backend.create({
        policyName: "tokens",
        prefix: `${prefix}:tokens`,
        algorithm: { kind: "fixed-window", limit: tokens.limit, window: tokens.window },
      }),
      windowMs: parseDuration(tokens.window),
    });
  }
  if (dailyTokens) {
    meters.push({
      limiter: backend.create({
        policyName: "daily-tokens",
        prefix: `${prefix}:daily-tokens`,
        algorithm: { kind: "fixed-window", limit: dailyTokens, window: "1 d" },
      }),
      windowMs: 86_400_000,
    });
  }

  async function reserve({ identity, estimate }: { identity: string; estimate: number }): Promise<TokenReservation> {
    const charge = Math.max(0, Math.ceil(estimate));
    const reservedAt = now();
    const decisions = await Promise.all(meters.map((meter) => meter.limiter.check({ identity, cost: charge })));
    const denied = decisions.find((decision) => !decision.success) ?? null;
    const background: Array<Promise<unknown>> = decisions.map((decision) => decision.pending);
    // Denied: return every recorded charge (the denying one too: a fixed window recorded it), so a refused request
    // leaves no trace in any budget. Awaited (only on the 429 path) so the next request sees the refund.
    if (denied && charge > 0) {
      const refunds = meters.map((meter, i) => (recorded(decisions[i]) ? meter.limiter.check({ identity, cost: -charge }) : null));
      for (const refund of await Promise.all(refunds)) if (refund) background.push(refund.pending);
    }
    let settled = false;

    async function settle({ actualTokens }: { actualTokens: number }): Promise<TokenSettlement> {
      if (settled || denied) return { adjustments: [] };
      settled = true;
      const actual = Math.max(0, Math.ceil(actualTokens));
      const at = now();
      const adjustments = await Promise.all(
        meters.map(async (meter, i) => {
          const policyName = meter.limiter.policyName;
          // A fail-open reservation charged nothing we can count on, so the whole actual usage is charged now.
          const delta = actual - (recorded(decisions[i]) ? charge : 0);
          const sameWindow = Math.floor(reservedAt / meter.windowMs) === Math.floor(at / meter.windowMs);
          if (delta === 0 || (delta < 0 && !sameWindow)) return { policyName, delta: 0, decision: null };
          const decision = await meter.limiter.check({ identity, cost: delta });
          return { policyName, delta: decision.reason === undefined ? delta : 0, decision };
        }),
      );
      return { adjustments };
    }

    return {
      success: !denied,
      estimate: charge,
      decisions,
      denied,
      settle,
      pending: Promise.all(background).catch(() => undefined),
    };
  }

  return { enabled: meters.length > 0, reserve };
}
