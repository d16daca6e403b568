// Property-based fuzzing of every route of the Node server (fast-check), shared by the vitest files (a few hundred
// cases per route) and `npm run test:chaos` (many more). Each case is a whole HTTP request sent over a raw socket, so
// bodies, bytes and headers are exactly what the generator made. The property, for every case:
//   - the answer is 2xx or 4xx, never 5xx (nothing here asks the fake provider for a fault);
//   - an error is JSON in the route's own envelope (OpenAI, or Anthropic on /v1/messages);
//   - a success is well-formed (JSON, or an SSE stream that ends with its terminator or an error event);
//   - exactly one audit record per request (cases run one at a time: the count must rise by exactly one each).
import fc from "fast-check";
import { BODY_LIMIT_BYTES, dialectFor, envelopeProblem, tryJson, type HardeningGateway } from "./hardening-gateway";
import { rawRequest, type RawResponse } from "./raw-http";
import { bodyArbitrary, headersArbitrary, methodArbitrary, pathArbitrary } from "./fuzz-arbitraries";

export const FUZZ_ROUTES = ["chat", "responses", "input_tokens", "messages", "count_tokens", "embeddings", "guard", "models", "admin", "unknown"] as const;
export type FuzzRoute = (typeof FUZZ_ROUTES)[number];

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body?: Uint8Array | string;
  chunked: boolean;
}

export interface FuzzSummary {
  route: FuzzRoute;
  cases: number;
  /** Answers by status code. */
  statuses: Record<number, number>;
}

/** Requests for one route: the route's own path (or random ones for admin/unknown), random bodies and headers. */
export function requestArbitrary(options: { route: FuzzRoute; key: string }): fc.Arbitrary<FuzzRequest> {
  const { route, key } = options;
  return fc
    .record({
      method: methodArbitrary(route),
      path: pathArbitrary(route),
      headers: headersArbitrary({ key, route }),
      body: bodyArbitrary({ route, bodyLimitBytes: BODY_LIMIT_BYTES }),
      chunked: fc.boolean(),
    })
    .map((request) => ({ ...request, body: request.method === "GET" && route === "models" ? undefined : request.body }));
}

/** Why an answer breaks the property, or null. */
export function answerProblem(options: { request: FuzzRequest; response: RawResponse }): string | null {
  const { request, response } = options;
  if (!(response.status >= 200 && response.status < 500)) return `status ${response.status}`;
  const contentType = response.headers.find((h) => h.name === "content-type")?.value ?? "";
  if (response.status >= 400) {
    if (!contentType.startsWith("application/json")) return `error with content-type "${contentType}"`;
    return envelopeProblem({ dialect: dialectFor(request.path), body: tryJson(response.body) });
  }
  if (contentType.startsWith("text/event-stream")) {
    const tail = response.body.trimEnd().split("\n\n").at(-1) ?? "";
    const ended = /data: \[DONE\]$/.test(tail) || /^event: (message_stop|response\.completed)/.test(tail) || /"error"/.test(tail);
    return ended ? null : `stream did not end with a terminator or an error event: ${tail.slice(0, 120)}`;
  }
  if (!contentType.startsWith("application/json")) return `success with content-type "${contentType}"`;
  return tryJson(response.body) === undefined ? "success body is not JSON" : null;
}

/** A short description of a request for failure messages (fast-check's own counterexample can be 70 KB long). */
export function describeRequest(request: FuzzRequest): string {
  const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…(${text.length} chars)` : text);
  const body = request.body === undefined ? "" : typeof request.body === "string" ? request.body : Buffer.from(request.body).toString("latin1");
  const headers = request.headers.map(([name, value]) => `${name}: ${clip(value)}`).join(" | ");
  return `${request.method} ${request.path}${request.chunked ? " (chunked)" : ""}\nheaders: ${headers}\nbody: ${clip(body)}\n`;
}

/** Sends one fuzz request and checks the property; throws (for fast-check to shrink) when it does not hold. */
export async function checkOneCase(options: { gateway: HardeningGateway; request: FuzzRequest; summary: FuzzSummary }): Promise<void> {
  const { gateway, request, summary } = options;
  const notFoundOnly = summary.route === "admin" || summary.route === "unknown";
  const response = await rawRequest({ port: gateway.port, ...request, timeoutMs: 15_000 });
  summary.cases++;
  summary.statuses[response.status] = (summary.statuses[response.status] ?? 0) + 1;
  // Node has no admin API (tenants come from the config file) and no file-serving route: both must be 404.
  const problem = notFoundOnly && response.status !== 404 ? `expected 404, got ${response.status}` : answerProblem({ request, response });
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
    fc.asyncProperty(requestArbitrary({ route, key: gateway.key }), (request) => checkOneCase({ gateway, request, summary })),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  return summary;
}
