// Builds the gateway's limit enforcer from the config's `rateLimit` block. The Redis client is injected because it
// differs by runtime (upstash-script-client.ts on Workers, `@upstash/redis` on Node).
import type { GatewayConfig } from "../config/schema";
import { createLimitEnforcer, type LimitEnforcer } from "./enforce-limits";
import { createMemoryBackend } from "./memory-limiter";
import { createUpstashBackend, type UpstashRedis } from "./upstash-limiter";

export function limiterFromConfig(options: {
  rateLimit: GatewayConfig["rateLimit"];
  createRedis: (connection: { url: string; token: string }) => UpstashRedis;
  now?: () => number;
}): LimitEnforcer {
  const { rateLimit } = options;
  if (rateLimit.backend === "memory") return createLimitEnforcer({ backend: createMemoryBackend({ now: options.now }), now: options.now });
  const redis = options.createRedis({ url: rateLimit.url, token: rateLimit.token });
  return createLimitEnforcer({
    backend: createUpstashBackend({ redis, timeoutMs: rateLimit.timeoutMs, failMode: rateLimit.failMode }),
    now: options.now,
  });
}
