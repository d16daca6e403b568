// Added latency of one rate-limit check, measured side by side in one run: @upstash/ratelimit through the Upstash
// REST bridge to a real local redis-server, versus the in-memory limiter. Checks alternate between backends so machine
// noise hits both alike. The bridge adds one local HTTP hop + JSON; a real Upstash database adds the network RTT on
// top, so treat the bridge figure as the floor of the Redis path. A bare GET through the bridge is measured as well,
// to separate transport cost from the Lua script's.
// Run: npx tsx scripts/bench/limiter-bench.ts [--quick]
import { pathToFileURL } from "node:url";
import { Redis } from "@upstash/redis";
import { createMemoryLimiter } from "../../shared/rate-limit/memory-limiter";
import type { LimitAlgorithm } from "../../shared/rate-limit/types";
import { createUpstashLimiter } from "../../shared/rate-limit/upstash-limiter";
import { startRedis } from "../../test/support/redis-server";
import { startUpstashBridge } from "../../test/support/upstash-bridge";

/** The in-memory limiter's default bound on live identities. */
const FLOOD_BOUND = 50_000;

export interface Row {
  backend: string;
  algorithm: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(options: { backend: string; algorithm: string; samples: number[] }): Row {
  const sorted = [...options.samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  const round = (ms: number) => Math.round(ms * 1_000) / 1_000;
  return { backend: options.backend, algorithm: options.algorithm, samples: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), meanMs: round(mean) };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export async function benchLimiter(options: { iterations?: number; warmup?: number } = {}): Promise<Row[]> {
  const { iterations = 1_000, warmup = 100 } = options;
  const redisServer = await startRedis();
  if (!redisServer) throw new Error("redis-server is not installed: the limiter benchmark needs it");
  const bridge = await startUpstashBridge({ redisPort: redisServer.port, token: "bench" });
  try {
    const redis = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false, retry: false });
    const algorithms: LimitAlgorithm[] = [
      // Limits high enough that every check is admitted: we measure the normal path, not the cache-blocked one.
      { kind: "sliding-window", limit: 1_000_000_000, window: "1 m" },
      { kind: "token-bucket", limit: 1_000_000_000, window: "1 m" },
    ];
    const cases: Array<{ backend: string; algorithm: string; run: (i: number) => Promise<unknown> }> = [];
    for (const algorithm of algorithms) {
      const upstash = createUpstashLimiter({ redis, algorithm, prefix: `bench:${algorithm.kind}`, timeoutMs: 2_000 });
      const memory = createMemoryLimiter({ algorithm, warn: () => undefined });
      cases.push({ backend: "upstash via bridge (real Redis)", algorithm: algorithm.kind, run: (i) => upstash.check({ identity: `key:bench:${i % 50}` }) });
      cases.push({ backend: "in-memory", algorithm: algorithm.kind, run: (i) => memory.check({ identity: `key:bench:${i % 50}` }) });
    }
    cases.push({ backend: "bridge transport only (GET)", algorithm: "-", run: () => redis.get("bench:absent") });
    // A flood of identities never seen before (many source addresses, made-up end users) past the in-memory bound:
    // every check adds one, so the limiter's sweep is on the measured path.
    const flooded = createMemoryLimiter({ algorithm: algorithms[0], warn: () => undefined, maxEntries: FLOOD_BOUND });
    for (let i = 0; i < FLOOD_BOUND; i++) await flooded.check({ identity: `ip:prefill:${i}` });
    cases.push({ backend: `in-memory, a new identity per check past ${FLOOD_BOUND.toLocaleString("en")} live ones`, algorithm: algorithms[0].kind, run: (i) => flooded.check({ identity: `ip:flood:${i}` }) });
    // Round-robin over every case so load from other processes spreads evenly across them.
    const samples = cases.map(() => [] as number[]);
    for (let i = 0; i < warmup + iterations; i++) {
      for (const [index, { run }] of cases.entries()) {
        const ms = await timed(() => run(i));
        if (i >= warmup) samples[index].push(ms);
      }
    }
    const rows = cases.map(({ backend, algorithm }, index) => summarize({ backend, algorithm, samples: samples[index] }));
    return rows;
  } finally {
    await bridge.stop();
    await redisServer.stop();
  }
}

export function formatRows(rows: Row[]): string {
  const lines = ["| backend | algorithm | p50 ms | p99 ms | mean ms | samples |", "|---|---|---|---|---|---|"];
  for (const row of rows) lines.push(`| ${row.backend} | ${row.algorithm} | ${row.p50Ms} | ${row.p99Ms} | ${row.meanMs} | ${row.samples} |`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes("--quick");
  benchLimiter({ iterations: quick ? 200 : 1_000, warmup: quick ? 30 : 100 })
    .then((rows) => console.log(formatRows(rows)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
