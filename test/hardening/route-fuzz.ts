// Property-based fuzzing of every route of the Node server (fast-check), shared by the vitest files (a few hundred
// cases per route) and `npm run test:chaos` (many more). Each case is a whole HTTP request sent over a raw socket, so
// bodies, bytes and headers are exactly what the generator made. The property (fuzz-property.ts), plus here:
// exactly one audit record per request (cases run one at a time: the count must rise by exactly one each).
import fc from "fast-check";
import { answerProblem, describeRequest, requestArbitrary, type FuzzRequest, type FuzzRoute, type FuzzSummary } from "./fuzz-property";
import { BODY_LIMIT_BYTES, type HardeningGateway } from "./hardening-gateway";
import { rawRequest } from "./raw-http";

export { FUZZ_ROUTES, type FuzzRoute } from "./fuzz-property";

/** Sends one fuzz request and checks the property; throws (for fast-check to shrink) when it does not hold. */
export async function checkOneCase(options: { gateway: HardeningGateway; request: FuzzRequest; summary: FuzzSummary }): Promise<void> {
  const { gateway, request, summary } = options;
  const notFoundOnly = summary.route === "admin" || summary.route === "unknown";
  const response = await rawRequest({ port: gateway.port, ...request, timeoutMs: 15_000 });
  summary.cases++;
  summary.statuses[response.status] = (summary.statuses[response.status] ?? 0) + 1;
  // Node has no admin API (tenants come from the config file) and no file-serving route: both must be 404.
  const contentType = response.headers.find((h) => h.name === "content-type")?.value ?? "";
  const problem = notFoundOnly && response.status !== 404
    ? `expected 404, got ${response.status}`
    : answerProblem({ request, status: response.status, contentType, body: response.body });
  if (problem) throw new Error(`${describeRequest(request)} → ${response.status}: ${problem}\nanswer: ${response.body.slice(0, 300)}`);
  gateway.expectedAudit++;
  const auditProblem = await gateway.auditMatches();
  if (auditProblem) throw new Error(`${request.method} ${request.path} → ${response.status}: ${auditProblem}`);
}

/** Runs the property for one route; throws fast-check's report (seed, shrunk counterexample) when it fails. */
export async function fuzzRoute(options: { gateway: HardeningGateway; route: FuzzRoute; numRuns: number; seed?: number }): Promise<FuzzSummary> {
  const { gateway, route } = options;
  const summary: FuzzSummary = { route, cases: 0, statuses: {} };
  await fc.assert(
    fc.asyncProperty(requestArbitrary({ route, key: gateway.key, bodyLimitBytes: BODY_LIMIT_BYTES }), (request) => checkOneCase({ gateway, request, summary })),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  return summary;
}
