// The per-request entry point on the in-memory backend (and a stub backend for failures): status and HTTP code,
// refunds when another identity refuses, token settle, fail-open decisions surfaced for audit, headers.
import { describe, expect, it } from "vitest";
import { createLimitEnforcer } from "./enforce-limits";
import { identityKeys, planLimitChecks } from "./identity";
import { createMemoryBackend } from "./memory-limiter";
import type { LimitDecision, LimiterBackend } from "./types";

function memoryEnforcer() {
  let at = 5_000 * 60_000;
  const now = () => at;
  const enforcer = createLimitEnforcer({ backend: createMemoryBackend({ now, warn: () => undefined }), now, prefix: `e${Math.random()}` });
  return { enforcer, advance: (ms: number) => (at += ms) };
}

const identities = identityKeys({ tenantId: "acme", keyId: "k1" });

describe("createLimitEnforcer", () => {
  it("allows under the limits and answers 429 with Retry-After once the key's request limit is spent", async () => {
    const { enforcer } = memoryEnforcer();
    const checks = planLimitChecks({ identities, keyLimits: { requests: { limit: 2, window: "1 m" } }, tenantLimits: { requests: { limit: 100, window: "1 m" } } });
    const first = await enforcer.enforce({ checks });
    expect(first).toMatchObject({ status: "allowed", httpStatus: 200 });
    expect(first.headers["x-ratelimit-remaining-requests"]).toBe("1");
    await enforcer.enforce({ checks });
    const third = await enforcer.enforce({ checks });
    expect(third).toMatchObject({ status: "limited", httpStatus: 429 });
    expect(Number(third.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect(third.headers["RateLimit"]).toMatch(/^"requests";r=0;t=\d+/);
  });

  it("counts equal limits in separate record objects together, and applies a record's new limits at once", async () => {
    const { enforcer } = memoryEnforcer();
    const limits = () => ({ requests: { limit: 2, window: "1 m" } });
    // Two copies of the same record (a cache refill parses a new object): one counter between them.
    await enforcer.enforce({ checks: planLimitChecks({ identities, keyLimits: limits() }) });
    await enforcer.enforce({ checks: planLimitChecks({ identities, keyLimits: limits() }) });
    expect((await enforcer.enforce({ checks: planLimitChecks({ identities, keyLimits: limits() }) })).status).toBe("limited");
    // The record updated to a higher limit (a new object): the new limit holds from its first request.
    const raised = planLimitChecks({ identities, keyLimits: { requests: { limit: 5, window: "1 m" } } });
    expect((await enforcer.enforce({ checks: raised })).status).toBe("allowed");
    expect((await enforcer.enforce({ checks: raised })).headers["x-ratelimit-limit-requests"]).toBe("5");
  });

  it("gives back the tenant's request unit when the key refuses", async () => {
    const { enforcer } = memoryEnforcer();
    const tenantOnly = planLimitChecks({ identities, tenantLimits: { requests: { limit: 3, window: "1 m" } } });
    const both = planLimitChecks({ identities, keyLimits: { requests: { limit: 1, window: "1 m" } }, tenantLimits: { requests: { limit: 3, window: "1 m" } } });
    await enforcer.enforce({ checks: both }); // key 1/1, tenant 1/3
    const refused = await enforcer.enforce({ checks: both }); // key refuses; tenant's unit is returned
    await refused.pending;
    expect(refused.status).toBe("limited");
    const after = await enforcer.enforce({ checks: tenantOnly });
    expect(after.headers["x-ratelimit-remaining-requests"]).toBe("1"); // 3 - 1 (first) - 1 (this one)
  });

  it("reserves tokens only after request limits admit, and settles to actual usage", async () => {
    const { enforcer } = memoryEnforcer();
    const checks = planLimitChecks({ identities, tenantLimits: { requests: { limit: 10, window: "1 m" }, tokens: { limit: 1_000, window: "1 m" } } });
    const outcome = await enforcer.enforce({ checks, estimatedTokens: 400 });
    expect(outcome.headers["x-ratelimit-remaining-tokens"]).toBe("600");
    const settled = await outcome.settle({ actualTokens: 250 });
    expect(settled.decisions[0].remaining).toBe(750);
    const refused = await enforcer.enforce({ checks, estimatedTokens: 800 });
    expect(refused).toMatchObject({ status: "limited", httpStatus: 429 });
    expect(refused.decisions.find((d) => !d.success)?.policyName).toBe("tokens");
  });

  it("does not charge tokens when no estimate is given", async () => {
    const { enforcer } = memoryEnforcer();
    const checks = planLimitChecks({ identities, tenantLimits: { tokens: { limit: 10, window: "1 m" } } });
    expect((await enforcer.enforce({ checks })).decisions).toEqual([]);
  });
});

describe("backend failures", () => {
  function failingBackend(options: { failOpen: boolean }): LimiterBackend {
    return {
      kind: "upstash",
      create: (spec) => ({
        policyName: spec.policyName,
        check: async (): Promise<LimitDecision> => ({
          success: options.failOpen, limit: spec.algorithm.limit, remaining: 0, reset: 0, retryAfterSeconds: options.failOpen ? 0 : 1,
          windowMs: 60_000, policyName: spec.policyName, reason: "backend_error", failOpen: options.failOpen, pending: Promise.resolve(),
        }),
      }),
    };
  }
  const checks = planLimitChecks({ identities, tenantLimits: { requests: { limit: 5, window: "1 m" } } });

  it("fail-closed answers 503 with Retry-After", async () => {
    const outcome = await createLimitEnforcer({ backend: failingBackend({ failOpen: false }) }).enforce({ checks });
    expect(outcome).toMatchObject({ status: "unavailable", httpStatus: 503, failOpen: [] });
    expect(outcome.headers["Retry-After"]).toBe("1");
  });

  it("fail-open lets the request through and lists the decisions to audit", async () => {
    const outcome = await createLimitEnforcer({ backend: failingBackend({ failOpen: true }) }).enforce({ checks });
    expect(outcome.status).toBe("allowed");
    expect(outcome.failOpen).toHaveLength(1);
    expect(outcome.failOpen[0]).toMatchObject({ reason: "backend_error", failOpen: true });
  });
});
