// Response headers from limit decisions (pure). Three audiences:
// - HTTP clients: `Retry-After` (whole seconds) on 429/503.
// - The IETF draft (draft-ietf-httpapi-ratelimit-headers, structured-field lists):
//     RateLimit-Policy: "requests";q=10;w=60, "tokens";q=40000;w=60
//     RateLimit: "requests";r=3;t=12, "tokens";r=39000;t=12
//   q = quota, w = window seconds, r = remaining, t = seconds until reset.
// - OpenAI SDK users: x-ratelimit-{limit,remaining,reset}-{requests,tokens}, reset as a Go-style duration ("6m0s",
//   "1s", "20ms") like api.openai.com sends, plus `retry-after-ms`, which the OpenAI SDK reads before `Retry-After`.
// With several identities (key, tenant, user) the most restrictive decision per policy is shown: a denied one first,
// then the one with least remaining. Decisions whose numbers are unknown (backend down) are left out rather than
// reported as a misleading 0.
import type { LimitDecision } from "./types";

/** "1m30s", "6m0s", "1h0m0s", "12s", "350ms" (whole seconds above one second, rounded up). */
export function formatOpenAiDuration(ms: number): string {
  if (ms <= 0) return "0s";
  if (ms < 1_000) return `${Math.ceil(ms)}ms`;
  const total = Math.ceil(ms / 1_000);
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (hours) return `${hours}h${minutes}m${seconds}s`;
  if (minutes) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function known(decision: LimitDecision): boolean {
  return decision.reason !== "timeout" && decision.reason !== "backend_error" && decision.limit > 0;
}

/** The decision a client should see for one policy: denied beats allowed, then least remaining, then latest reset. */
export function mostRestrictive(decisions: LimitDecision[]): LimitDecision | null {
  let best: LimitDecision | null = null;
  for (const decision of decisions) {
    if (!best) best = decision;
    else if (decision.success !== best.success) best = decision.success ? best : decision;
    else if (decision.remaining !== best.remaining) best = decision.remaining < best.remaining ? decision : best;
    else if (decision.reset > best.reset) best = decision;
  }
  return best;
}

const POLICY_ORDER = ["requests", "tokens", "daily-tokens"];

function policyRank(name: string): number {
  return POLICY_ORDER.includes(name) ? POLICY_ORDER.indexOf(name) : POLICY_ORDER.length;
}

function secondsUntil(reset: number, now: number): number {
  return Math.max(0, Math.ceil((reset - now) / 1_000));
}

// Structured-field keys are lowercase tokens; quote-safe names only.
const sfString = (name: string) => `"${name.replace(/[^a-zA-Z0-9_.:-]/g, "_")}"`;

export interface RateLimitHeadersOptions {
  decisions: LimitDecision[];
  now: number;
}

export function rateLimitHeaders(options: RateLimitHeadersOptions): Record<string, string> {
  const { decisions, now } = options;
  const headers: Record<string, string> = {};
  const byPolicy = new Map<string, LimitDecision[]>();
  for (const decision of decisions.filter(known)) {
    byPolicy.set(decision.policyName, [...(byPolicy.get(decision.policyName) ?? []), decision]);
  }
  const names = [...byPolicy.keys()].sort((a, b) => policyRank(a) - policyRank(b) || a.localeCompare(b));
  const shown = names.map((name) => mostRestrictive(byPolicy.get(name)!)!);

  if (shown.length) {
    headers["RateLimit-Policy"] = shown
      .map((d) => `${sfString(d.policyName)};q=${d.limit};w=${Math.max(1, Math.round(d.windowMs / 1_000))}`)
      .join(", ");
    headers["RateLimit"] = shown.map((d) => `${sfString(d.policyName)};r=${d.remaining};t=${secondsUntil(d.reset, now)}`).join(", ");
  }

  const requests = shown.find((d) => d.policyName === "requests");
  const tokens = mostRestrictive(shown.filter((d) => d.policyName === "tokens" || d.policyName === "daily-tokens"));
  for (const [suffix, decision] of [["requests", requests], ["tokens", tokens]] as const) {
    if (!decision) continue;
    headers[`x-ratelimit-limit-${suffix}`] = String(decision.limit);
    headers[`x-ratelimit-remaining-${suffix}`] = String(decision.remaining);
    headers[`x-ratelimit-reset-${suffix}`] = formatOpenAiDuration(decision.reset - now);
  }

  const denied = decisions.filter((decision) => !decision.success);
  if (denied.length) {
    const retryAfter = Math.max(1, ...denied.map((decision) => decision.retryAfterSeconds));
    headers["Retry-After"] = String(retryAfter);
    headers["retry-after-ms"] = String(retryAfter * 1_000);
  }
  return headers;
}
