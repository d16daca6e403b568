// Requests per second at a fixed concurrency (autocannon) through each target, one after the other.
import autocannon from "autocannon";
import type { Target } from "./latency";

export async function measureThroughput(options: { target: Target; path: string; nextBody: () => string; connections: number; seconds: number }): Promise<{ rps: number; requests: number; p50: number; errors: number; non2xx: number }> {
  const result = await autocannon({
    url: new URL(options.path, options.target.url).toString(),
    method: "POST",
    headers: { "content-type": "application/json", ...options.target.headers },
    // A new body per request: autocannon then builds each request anew (setupRequest).
    requests: [{ setupRequest: (request: object) => ({ ...request, body: options.nextBody() }) }],
    connections: options.connections,
    duration: options.seconds,
  });
  return { rps: result.requests.average, requests: result.requests.total, p50: result.latency.p50, errors: result.errors, non2xx: result.non2xx };
}
