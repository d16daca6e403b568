// One call per request for the gateway's rate-limit middleware: checks every identity's request limit, then reserves
// the token estimate, and answers with a status (allowed / limited → 429 / unavailable → 503), the response headers,
// the decisions to audit, `pending` for waitUntil and `settle` for after the answer.
// Order matters: token budgets are only touched once every request limit admitted, and whatever a refused request
// already charged elsewhere (a request unit on the key when the tenant refused, a token reservation on the tenant when
// the key's token limit refused) is given back, so a refused request costs the client nothing.
import { rateLimitHeaders } from "./headers";
import type { LimitCheck, LimitsInput } from "./identity";
import { createTokenBudget, type TokenBudget, type TokenReservation } from "./token-budget";
import type { LimitDecision, LimiterBackend, RateLimiter } from "./types";

export type LimitStatus = "allowed" | "limited" | "unavailable";

export interface LimitOutcome {
  status: LimitStatus;
  /** 200 when allowed, 429 when a limit refused, 503 when the backend failed and the fail mode is closed. */
  httpStatus: 200 | 429 | 503;
  /** Every decision taken (request and token limits, all identities), for the audit record. */
  decisions: LimitDecision[];
  /** Decisions that let the request through only because the backend failed and policy says "open": audit them. */
  failOpen: LimitDecision[];
  /** Retry-After, RateLimit-Policy, RateLimit and x-ratelimit-* — set them on the answer, whatever its status. */
  headers: Record<string, string>;
  /** Hand to `ctx.waitUntil`. Never rejects. */
  pending: Promise<unknown>;
  /** After the answer: charge actual usage against the token reservations. Safe to call once, or never (no-op). */
  settle(options: { actualTokens: number }): Promise<{ decisions: LimitDecision[] }>;
}

export interface LimitEnforcerOptions {
  backend: LimiterBackend;
  /** Key namespace in the backend. */
  prefix?: string;
  now?: () => number;
}

export interface EnforceOptions {
  checks: LimitCheck[];
  /** Token estimate for this request (estimate-tokens.ts). Absent → token budgets are not charged (e.g. /v1/guard). */
  estimatedTokens?: number;
}

export interface LimitEnforcer {
  enforce(options: EnforceOptions): Promise<LimitOutcome>;
}

const quiet = (promise: Promise<unknown>) => promise.catch(() => undefined);

export function createLimitEnforcer(options: LimitEnforcerOptions): LimitEnforcer {
  const { backend, prefix = "eg", now = Date.now } = options;
  // Built once per distinct limits config: limiter construction parses durations and binds the ephemeral cache.
  // Looked up by the limits object first (a tenant's or key's record object serves many requests), by its content
  // when that object is new: the JSON key is ~1 µs a check.
  const requestLimiters = new Map<string, RateLimiter>();
  const budgets = new Map<string, TokenBudget>();
  const requestLimiterOf = new WeakMap<object, RateLimiter>();
  const budgetOf = new WeakMap<object, TokenBudget>();

  function requestLimiter(requests: NonNullable<LimitsInput["requests"]>): RateLimiter {
    let limiter = requestLimiterOf.get(requests);
    if (limiter) return limiter;
    const algorithm = { kind: requests.algorithm ?? "sliding-window", limit: requests.limit, window: requests.window, refillRate: requests.refillRate } as const;
    const key = JSON.stringify(algorithm);
    limiter = requestLimiters.get(key);
    if (!limiter) {
      limiter = backend.create({ policyName: "requests", prefix: `${prefix}:requests`, algorithm });
      requestLimiters.set(key, limiter);
    }
    requestLimiterOf.set(requests, limiter);
    return limiter;
  }

  function tokenBudget(limits: LimitsInput): TokenBudget {
    let budget = budgetOf.get(limits);
    if (budget) return budget;
    const key = JSON.stringify([limits.tokens ?? null, limits.dailyTokens ?? null]);
    budget = budgets.get(key);
    if (!budget) {
      budget = createTokenBudget({ backend, tokens: limits.tokens, dailyTokens: limits.dailyTokens, prefix, now });
      budgets.set(key, budget);
    }
    budgetOf.set(limits, budget);
    return budget;
  }

  async function enforce({ checks, estimatedTokens }: EnforceOptions): Promise<LimitOutcome> {
    const background: Array<Promise<unknown>> = [];
    const requestChecks = checks.filter((check) => check.limits.requests);
    const requestDecisions = await Promise.all(
      requestChecks.map((check) => requestLimiter(check.limits.requests!).check({ identity: check.identity.id })),
    );
    const decisions = [...requestDecisions];
    let refused = requestDecisions.some((decision) => !decision.success);

    const reservations: TokenReservation[] = [];
    if (!refused && estimatedTokens !== undefined) {
      const tokenChecks = checks.filter((check) => check.limits.tokens || check.limits.dailyTokens);
      reservations.push(
        ...(await Promise.all(
          tokenChecks.map((check) => tokenBudget(check.limits).reserve({ identity: check.identity.id, estimate: estimatedTokens })),
        )),
      );
      for (const reservation of reservations) {
        decisions.push(...reservation.decisions);
        background.push(reservation.pending);
      }
      refused = reservations.some((reservation) => !reservation.success);
    }

    if (refused) {
      // Give back what admitted parts of this refused request charged (units that came from a real counter).
      requestDecisions.forEach((decision, i) => {
        if (decision.success && decision.reason === undefined && !decision.failOpen) {
          background.push(quiet(requestLimiter(requestChecks[i].limits.requests!).check({ identity: requestChecks[i].identity.id, cost: -1 })));
        }
      });
      for (const reservation of reservations) if (reservation.success) background.push(quiet(reservation.settle({ actualTokens: 0 })));
    }
    for (const decision of decisions) background.push(decision.pending);

    const denied = decisions.filter((decision) => !decision.success);
    const counterRefused = denied.some((decision) => decision.reason !== "timeout" && decision.reason !== "backend_error");
    const status: LimitStatus = !denied.length ? "allowed" : counterRefused ? "limited" : "unavailable";

    return {
      status,
      httpStatus: status === "allowed" ? 200 : status === "limited" ? 429 : 503,
      decisions,
      failOpen: decisions.filter((decision) => decision.failOpen),
      headers: rateLimitHeaders({ decisions, now: now() }),
      pending: Promise.all(background.map(quiet)),
      async settle({ actualTokens }) {
        if (status !== "allowed") return { decisions: [] };
        const settlements = await Promise.all(reservations.map((reservation) => reservation.settle({ actualTokens })));
        return {
          decisions: settlements.flatMap((settlement) => settlement.adjustments.flatMap((a) => (a.decision ? [a.decision] : []))),
        };
      },
    };
  }

  return { enforce };
}
