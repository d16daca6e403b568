// Starts what the tests reach over the network — the fake provider and real Redis behind the Upstash-compatible
// bridge, on the ports vitest.config.ts chose — and hands addresses to tests through `inject`. Each project runs this
// once; the second start reuses the first servers, the last teardown stops them.
import type { TestProject } from "vitest/node";
import { startFakeProvider, type FakeProvider } from "./fake-provider";
import { startBridgedRedis } from "./upstash-bridge";

type BridgedRedis = NonNullable<Awaited<ReturnType<typeof startBridgedRedis>>>;
let shared: { fake: FakeProvider; redis: BridgedRedis | null; users: number } | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!shared) {
    const fake = await startFakeProvider({ port: Number(process.env.EDGEGUARD_TEST_FAKE_PORT) });
    const redis = await startBridgedRedis({ port: Number(process.env.EDGEGUARD_TEST_BRIDGE_PORT), token: process.env.EDGEGUARD_TEST_BRIDGE_TOKEN });
    if (!redis && process.env.EDGEGUARD_REQUIRE_REDIS === "1") throw new Error("redis-server is required (EDGEGUARD_REQUIRE_REDIS=1) but not installed");
    shared = { fake, redis, users: 0 };
  }
  shared.users++;
  project.provide("fakeProviderUrl", shared.fake.url);
  project.provide("upstashBridge", shared.redis ? { url: shared.redis.url, token: shared.redis.token } : null);
  return async () => {
    if (shared && --shared.users === 0) {
      await shared.fake.stop();
      await shared.redis?.stop();
      shared = undefined;
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    fakeProviderUrl: string;
    upstashBridge: { url: string; token: string } | null;
  }
}
