// Starts what the tests talk to over the network (filled in as stages land) and hands their addresses to tests.
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide("started", Date.now());
  return async () => {};
}

declare module "vitest" {
  export interface ProvidedContext {
    started: number;
  }
}
