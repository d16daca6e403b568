// The fuzz property every route must hold, whatever runtime serves it (the Node server over raw sockets in
// route-fuzz.ts, the Worker in workerd in route-fuzz.worker.test.ts), for random JSON, wrong types, huge strings,
// invalid UTF-8, deep nesting, duplicate keys and odd headers:
//   - the answer is 2xx or 4xx, never 5xx (nothing here asks the fake provider for a fault);
//   - an error is JSON in the route's own envelope (OpenAI, or Anthropic on /v1/messages);
//   - a success is well-formed (JSON, or an SSE stream that ends with its terminator or an error event).
import fc from "fast-check";
import { dialectFor, envelopeProblem, tryJson } from "./envelopes";
import { bodyArbitrary, headersArbitrary, methodArbitrary, pathArbitrary } from "./fuzz-arbitraries";

const latin1 = new TextDecoder("latin1");

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
export function requestArbitrary(options: { route: FuzzRoute; key: string; bodyLimitBytes: number }): fc.Arbitrary<FuzzRequest> {
  const { route, key } = options;
  return fc
    .record({
      method: methodArbitrary(route),
      path: pathArbitrary(route),
      headers: headersArbitrary({ key, route }),
      body: bodyArbitrary({ route, bodyLimitBytes: options.bodyLimitBytes }),
      chunked: fc.boolean(),
    })
    .map((request) => ({ ...request, body: request.method === "GET" && route === "models" ? undefined : request.body }));
}

/** Why an answer breaks the property, or null. */
export function answerProblem(options: { request: FuzzRequest; status: number; contentType: string; body: string }): string | null {
  const { request, contentType } = options;
  const response = { status: options.status, body: options.body };
  if (!(response.status >= 200 && response.status < 500)) return `status ${response.status}`;
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
  const body = request.body === undefined ? "" : typeof request.body === "string" ? request.body : latin1.decode(request.body);
  const headers = request.headers.map(([name, value]) => `${name}: ${clip(value)}`).join(" | ");
  return `${request.method} ${request.path}${request.chunked ? " (chunked)" : ""}\nheaders: ${headers}\nbody: ${clip(body)}\n`;
}
