// Starts what the tests reach over the network — the fake provider on the port vitest.config.ts chose — and hands
// addresses to tests through `inject`. Each project runs this once; the second start reuses the first server.
import type { TestProject } from "vitest/node";
import { startFakeProvider, type FakeProvider } from "./fake-provider";

let shared: { fake: FakeProvider; users: number } | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!shared) {
    const port = Number(process.env.EDGEGUARD_TEST_FAKE_PORT);
    shared = { fake: await startFakeProvider({ port }), users: 0 };
  }
  shared.users++;
  project.provide("fakeProviderUrl", shared.fake.url);
  return async () => {
    if (shared && --shared.users === 0) {
      await shared.fake.stop();
      shared = undefined;
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    fakeProviderUrl: string;
  }
}
