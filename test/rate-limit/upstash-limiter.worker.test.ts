// The limiter core inside workerd, on the Worker's Redis client (upstash-script-client.ts), against real Redis through
// the bridge: 25 concurrent checks against a limit of 10 admit exactly 10. Needs global-setup to provide `upstashBridge`
// ({ url, token } from startBridgedRedis); skips loudly otherwise.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { createLimitEnforcer } from "../../shared/rate-limit/enforce-limits";
import { identityKeys, planLimitChecks } from "../../shared/rate-limit/identity";
import { createUpstashBackend, createUpstashLimiter } from "../../shared/rate-limit/upstash-limiter";
import { createScriptClient } from "../../shared/rate-limit/upstash-script-client";

declare module "vitest" {
  export interface ProvidedContext {
    upstashBridge: { url: string; token: string } | null;
  }
}

const bridge = inject("upstashBridge") ?? null;
if (!bridge) console.warn("!! upstashBridge not provided (redis-server missing or global-setup not wired): workerd rate-limit tests SKIPPED !!");
const run = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(!bridge)("rate limiting in workerd on real Redis", () => {
  const redis = () => createScriptClient({ url: bridge!.url, token: bridge!.token });

  for (const kind of ["sliding-window", "token-bucket"] as const) {
    it(`${kind}: 25 concurrent checks against a limit of 10 admit exactly 10`, async () => {
      const limiter = createUpstashLimiter({ redis: redis(), algorithm: { kind, limit: 10, window: "1 h" }, prefix: `wk:${kind}:${run}`, timeoutMs: 3_000 });
      const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter.check({ identity: "key:acme:k1" })));
      expect(decisions.filter((d) => d.success)).toHaveLength(10);
      expect(decisions.every((d) => !d.failOpen && d.reason !== "backend_error" && d.reason !== "timeout")).toBe(true);
    });
  }

  it("the enforcer answers 429 with RateLimit headers past the limit", async () => {
    const enforcer = createLimitEnforcer({ backend: createUpstashBackend({ redis: redis(), timeoutMs: 3_000, keyPrefix: `wk:enf:${run}:` }) });
    const checks = planLimitChecks({ identities: identityKeys({ tenantId: "acme", keyId: "k1" }), keyLimits: { requests: { limit: 2, window: "1 m" } } });
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => enforcer.enforce({ checks })));
    expect(outcomes.map((o) => o.httpStatus).sort()).toEqual([200, 200, 429, 429]);
    const limited = outcomes.find((o) => o.httpStatus === 429)!;
    expect(limited.headers["RateLimit-Policy"]).toBe('"requests";q=2;w=60');
    expect(Number(limited.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
  });
});
