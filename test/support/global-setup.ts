// Starts what the tests reach over the network — the fake provider and real Redis behind the Upstash-compatible
// bridge, on the ports vitest.config.ts chose — and hands addresses to tests through `inject`. Each project runs this
// once; the second start reuses the first servers, the last teardown stops them.
import type { TestProject } from "vitest/node";
import { classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import { PARITY_TEXTS } from "../classifier/parity-texts";
import { startFakeProvider, type FakeProvider } from "./fake-provider";
import { startBridgedRedis } from "./upstash-bridge";

type BridgedRedis = NonNullable<Awaited<ReturnType<typeof startBridgedRedis>>>;
type Shared = { fake: FakeProvider; redis: BridgedRedis | null; users: number };
// Vitest loads this module once per project, in one process: the servers live on globalThis so both projects share them.
const slot = globalThis as typeof globalThis & { __edgeguardTestServers?: Promise<Shared> };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  slot.__edgeguardTestServers ??= (async () => {
    const fake = await startFakeProvider({ port: Number(process.env.EDGEGUARD_TEST_FAKE_PORT) });
    const redis = await startBridgedRedis({ port: Number(process.env.EDGEGUARD_TEST_BRIDGE_PORT), token: process.env.EDGEGUARD_TEST_BRIDGE_TOKEN });
    if (!redis && process.env.EDGEGUARD_REQUIRE_REDIS === "1") throw new Error("redis-server is required (EDGEGUARD_REQUIRE_REDIS=1) but not installed");
    return { fake, redis, users: 0 };
  })();
  const shared = await slot.__edgeguardTestServers;
  shared.users++;
  project.provide("fakeProviderUrl", shared.fake.url);
  project.provide("upstashBridge", shared.redis ? { url: shared.redis.url, token: shared.redis.token } : null);
  // Scores computed here, in Node, for test/classifier/node-workerd-parity.worker.test.ts to compare inside workerd.
  project.provide("nodeClassifierScores", PARITY_TEXTS.map((text) => classifyNormalised(prepareScanInput(text).normalised)));
  return async () => {
    if (--shared.users === 0) {
      slot.__edgeguardTestServers = undefined;
      await shared.fake.stop();
      await shared.redis?.stop();
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    fakeProviderUrl: string;
    upstashBridge: { url: string; token: string } | null;
    nodeClassifierScores: Array<Record<string, number>>;
  }
}
