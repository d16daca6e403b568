// Latency through each target (direct, bare proxy, gateway), requests alternating between targets so machine noise
// hits all of them alike. Measures full responses (non-streamed) or the first content token (streamed).
import { Agent, request } from "node:http";

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface LatencyStats {
  p50: number;
  p99: number;
  samples: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One POST; resolves with ms to the full body, or to the first chunk carrying answer text when `firstToken`. */
export function timeRequest(options: { target: Target; path: string; body: string; firstToken: boolean }): Promise<number> {
  const url = new URL(options.path, options.target.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(options.body), ...options.target.headers } },
      (res) => {
        let resolved = false;
        res.on("data", (chunk: Buffer) => {
          if (options.firstToken && !resolved && /"content":"[^"]/.test(chunk.toString())) {
            resolved = true;
            resolve(performance.now() - started);
          }
        });
        res.on("end", () => {
          if (res.statusCode !== 200) reject(new Error(`${options.target.name}: HTTP ${res.statusCode}`));
          else if (!resolved) resolve(performance.now() - started);
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function measureAlternating(options: {
  targets: Target[];
  path: string;
  /** A new body per request: a prompt no cache could have seen. */
  nextBody: () => string;
  firstToken: boolean;
  iterations: number;
  warmup: number;
}): Promise<Record<string, LatencyStats>> {
  const samples: Record<string, number[]> = Object.fromEntries(options.targets.map((t) => [t.name, []]));
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    for (const target of options.targets) {
      const ms = await timeRequest({ target, path: options.path, body: options.nextBody(), firstToken: options.firstToken });
      if (i >= options.warmup) samples[target.name].push(ms);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length }];
    }),
  );
}
