// Property-based fuzzing of the other routes of the Node server: /v1/guard, /v1/models, /admin/* (Node has no admin
// API: always 404 JSON) and unknown paths (404 JSON), with the same property as the model routes (route-fuzz.ts).
// Also the odd requests the HTTP layer itself answers: a header block over Node's 16 KB limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHardeningGateway, stillServing, type HardeningGateway } from "./hardening-gateway";
import { rawRequest } from "./raw-http";
import { fuzzRoute, type FuzzRoute } from "./route-fuzz";

const RUNS = Number(process.env.EDGEGUARD_FUZZ_RUNS) || 200;

describe.each<FuzzRoute>(["guard", "models", "admin", "unknown"])("fuzzing %s", (route) => {
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
    if (route === "guard" || route === "models") expect(Object.keys(summary.statuses).map(Number)).toEqual(expect.arrayContaining([200, 401]));
    else expect(Object.keys(summary.statuses)).toEqual(["404"]);
    expect(await stillServing(gateway)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a late duplicate record would land here
    expect(await gateway.auditMatches()).toBeNull();
  });
});

describe("requests the HTTP layer refuses before the app", () => {
  let gateway: HardeningGateway;
  beforeAll(async () => {
    gateway = await startHardeningGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it("answers 431 to a header block over 16 KB, writes no audit record, and keeps serving", async () => {
    const response = await rawRequest({
      port: gateway.port,
      method: "POST",
      path: "/v1/guard",
      headers: [["authorization", `Bearer ${gateway.key}`], ["x-huge", "h".repeat(20_000)]],
      body: JSON.stringify({ text: "hi", direction: "input" }),
    });
    expect(response.status).toBe(431);
    expect(await stillServing(gateway)).toBe(true);
    expect(await gateway.auditMatches()).toBeNull(); // only the liveness request's record
  });
});
