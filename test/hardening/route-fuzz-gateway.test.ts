// Property-based fuzzing of the model routes on the Node server: /v1/chat/completions, /v1/responses (and its
// input_tokens), /v1/messages (and its count_tokens), /v1/embeddings.
// Random JSON, wrong types, huge strings, invalid UTF-8, deep nesting, duplicate keys, odd headers (route-fuzz.ts):
// never a 5xx, always the route's envelope, one audit record per request, and the server still serves afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHardeningGateway, stillServing, type HardeningGateway } from "./hardening-gateway";
import { fuzzRoute, type FuzzRoute } from "./route-fuzz";

const RUNS = Number(process.env.EDGEGUARD_FUZZ_RUNS) || 200;

// One server per route, so a failure in one route's run cannot skew the next one's audit count.
describe.each<FuzzRoute>(["chat", "responses", "input_tokens", "messages", "count_tokens", "embeddings"])("fuzzing %s", (route) => {
  let gateway: HardeningGateway;
  beforeAll(async () => {
    gateway = await startHardeningGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it(`holds the property for ${RUNS} random requests and keeps serving`, { timeout: 60_000 }, async () => {
    const summary = await fuzzRoute({ gateway, route, numRuns: RUNS });
    expect(summary.cases).toBeGreaterThanOrEqual(RUNS);
    // The generators must reach past authentication and parsing, or the fuzz only tests the 401 path.
    expect(Object.keys(summary.statuses).map(Number)).toEqual(expect.arrayContaining([200, 400, 401]));
    expect(await stillServing(gateway)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a late duplicate record would land here
    expect(await gateway.auditMatches()).toBeNull();
  });
});
