// Shared fixture for the real-Redis rate-limit tests: a throwaway redis-server plus the Upstash REST bridge in front
// of it, and an @upstash/redis client pointed at the bridge. Each test file calls it in beforeAll and stops it in
// afterAll; null (after a loud warning from startRedis) when redis-server is not installed.
import { randomUUID } from "node:crypto";
import { Redis } from "@upstash/redis";
import { startRedis, type RunningRedis } from "../support/redis-server";
import { startUpstashBridge, type UpstashBridge } from "../support/upstash-bridge";

export interface RealRedis {
  redisServer: RunningRedis;
  bridge: UpstashBridge;
  /** A fresh client on the bridge; `retry: false` unless the test wants @upstash/redis's default retries. */
  client(options?: { defaultRetries?: boolean }): Redis;
  stop(): Promise<void>;
}

export async function startRealRedis(): Promise<RealRedis | null> {
  const redisServer = await startRedis();
  if (!redisServer) return null;
  const token = randomUUID();
  const bridge = await startUpstashBridge({ redisPort: redisServer.port, token, redisTimeoutMs: 1_000 });
  return {
    redisServer,
    bridge,
    client: (options = {}) =>
      new Redis({ url: bridge.url, token, enableTelemetry: false, ...(options.defaultRetries ? {} : { retry: false }) }),
    stop: async () => {
      await bridge.stop();
      await redisServer.stop();
    },
  };
}

/** A key prefix no other test (or earlier run) shares. */
export const uniquePrefix = (label: string) => `test:${label}:${randomUUID().slice(0, 8)}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
