// Response headers from decisions: IETF RateLimit / RateLimit-Policy, OpenAI-style x-ratelimit-*, Retry-After.
import { describe, expect, it } from "vitest";
import { formatOpenAiDuration, rateLimitHeaders } from "./headers";
import type { LimitDecision } from "./types";

const NOW = 1_000_000;
function decision(overrides: Partial<LimitDecision>): LimitDecision {
  return {
    success: true, limit: 10, remaining: 3, reset: NOW + 12_000, retryAfterSeconds: 0, windowMs: 60_000,
    policyName: "requests", failOpen: false, pending: Promise.resolve(), ...overrides,
  };
}

describe("rateLimitHeaders", () => {
  it("writes the IETF policy and remaining headers in structured-field form", () => {
    const headers = rateLimitHeaders({
      now: NOW,
      decisions: [
        decision({ policyName: "tokens", limit: 40_000, remaining: 39_000, reset: NOW + 30_500 }),
        decision({}),
      ],
    });
    expect(headers["RateLimit-Policy"]).toBe('"requests";q=10;w=60, "tokens";q=40000;w=60');
    expect(headers["RateLimit"]).toBe('"requests";r=3;t=12, "tokens";r=39000;t=31');
    expect(headers["Retry-After"]).toBeUndefined();
  });

  it("writes OpenAI-style headers, tokens from the tighter of window and daily budget", () => {
    const headers = rateLimitHeaders({
      now: NOW,
      decisions: [
        decision({}),
        decision({ policyName: "tokens", limit: 40_000, remaining: 39_000, reset: NOW + 90_000 }),
        decision({ policyName: "daily-tokens", limit: 100_000, remaining: 500, reset: NOW + 3_600_000, windowMs: 86_400_000 }),
      ],
    });
    expect(headers).toMatchObject({
      "x-ratelimit-limit-requests": "10",
      "x-ratelimit-remaining-requests": "3",
      "x-ratelimit-reset-requests": "12s",
      "x-ratelimit-limit-tokens": "100000",
      "x-ratelimit-remaining-tokens": "500",
      "x-ratelimit-reset-tokens": "1h0m0s",
    });
    expect(headers["RateLimit-Policy"]).toContain('"daily-tokens";q=100000;w=86400');
  });

  it("shows the most restrictive identity and sets Retry-After from the longest denial", () => {
    const headers = rateLimitHeaders({
      now: NOW,
      decisions: [
        decision({ remaining: 7 }),
        decision({ success: false, remaining: 0, reset: NOW + 41_000, retryAfterSeconds: 41 }),
        decision({ policyName: "tokens", success: false, remaining: 0, limit: 50, retryAfterSeconds: 5 }),
      ],
    });
    expect(headers["RateLimit"]).toBe('"requests";r=0;t=41, "tokens";r=0;t=12');
    expect(headers["Retry-After"]).toBe("41");
    expect(headers["retry-after-ms"]).toBe("41000");
  });

  it("leaves out decisions whose numbers are unknown, but still sets Retry-After when fail-closed", () => {
    const headers = rateLimitHeaders({
      now: NOW,
      decisions: [decision({ success: false, reason: "backend_error", remaining: 0, reset: 0, retryAfterSeconds: 1 })],
    });
    expect(headers["RateLimit"]).toBeUndefined();
    expect(headers["x-ratelimit-remaining-requests"]).toBeUndefined();
    expect(headers["Retry-After"]).toBe("1");
  });
});

describe("formatOpenAiDuration", () => {
  it("formats like api.openai.com", () => {
    expect(formatOpenAiDuration(350)).toBe("350ms");
    expect(formatOpenAiDuration(1_000)).toBe("1s");
    expect(formatOpenAiDuration(1_200)).toBe("2s");
    expect(formatOpenAiDuration(360_000)).toBe("6m0s");
    expect(formatOpenAiDuration(0)).toBe("0s");
  });
});
