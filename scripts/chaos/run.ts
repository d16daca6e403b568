// `npm run test:chaos`: the long reliability runs (run under `node --expose-gc`): many more fuzz cases per route than
// `npm test`, every provider fault many times plus Redis killed mid-run, rounds of 200 concurrent streams, and 10,000
// requests with the heap measured before, midway and after. Prints a markdown summary; exits 1 when anything was lost,
// a property failed or the heap grew past the bound. Flags: --fuzz-runs N --fault-rounds N --stream-rounds N --requests N
import { parseArgs } from "node:util";
import { createCountingAuditSink, startHardeningGateway, stillServing } from "../../test/hardening/hardening-gateway";
import { forcedGc, runConcurrentStreams, runSmallRequests, settledHeapBytes } from "../../test/hardening/load-checks";
import { FUZZ_ROUTES, fuzzRoute } from "../../test/hardening/route-fuzz";
import { runFaultRounds } from "./fault-rounds";

const { values } = parseArgs({
  options: {
    "fuzz-runs": { type: "string", default: "1000" },
    "fault-rounds": { type: "string", default: "25" },
    "stream-rounds": { type: "string", default: "5" },
    requests: { type: "string", default: "10000" },
  },
});
const FUZZ_RUNS = Number(values["fuzz-runs"]);
const FAULT_ROUNDS = Number(values["fault-rounds"]);
const STREAM_ROUNDS = Number(values["stream-rounds"]);
const REQUESTS = Number(values.requests);
/** Heap growth allowed over the whole request run: 10,000 requests leaking 1 KB each would be ~10 MiB. */
const HEAP_BOUND_BYTES = 4 * 2 ** 20;
const MiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const rows: string[][] = [];
const problems: string[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();

async function fuzzSection(): Promise<void> {
  let total = 0;
  for (const route of FUZZ_ROUTES) {
    const gateway = await startHardeningGateway({ audit: createCountingAuditSink({ keepRecent: 1 }) });
    const t0 = performance.now();
    try {
      const summary = await fuzzRoute({ gateway, route, numRuns: FUZZ_RUNS });
      total += summary.cases;
      const statuses = Object.entries(summary.statuses).map(([status, n]) => `${status}×${n}`).join(" ");
      rows.push([`fuzz ${route}`, `${summary.cases} cases`, statuses, `${((performance.now() - t0) / 1000).toFixed(1)} s`]);
      if (!(await stillServing(gateway))) problems.push(`fuzz ${route}: server stopped serving`);
    } catch (error) {
      problems.push(`fuzz ${route}: ${String(error).split("\n").slice(0, 12).join("\n")}`);
      rows.push([`fuzz ${route}`, "FAILED", "", ""]);
    } finally {
      await gateway.close();
    }
    log(`fuzz ${route} done`);
  }
  rows.push(["fuzz total", `${total} cases tried`, "", ""]);
}

async function faultSection(): Promise<void> {
  const t0 = performance.now();
  const report = await runFaultRounds({ rounds: FAULT_ROUNDS });
  rows.push(["faults", `${report.survived}/${report.tried} survived`, `redis ${report.redis}`, `${((performance.now() - t0) / 1000).toFixed(1)} s`]);
  problems.push(...report.failures.map((failure) => `fault: ${failure}`));
  log("faults done");
}

async function loadSection(): Promise<void> {
  const gateway = await startHardeningGateway({ audit: createCountingAuditSink({ keepIds: false, keepRecent: 1 }) });
  try {
    let lost = 0;
    let slowest = 0;
    for (let round = 0; round < STREAM_ROUNDS; round++) {
      const result = await runConcurrentStreams({ url: gateway.url, key: gateway.key, streams: 200, round });
      lost += result.lost;
      slowest = Math.max(slowest, result.ms);
      problems.push(...result.failures.map((failure) => `stream round ${round}: ${failure}`));
    }
    rows.push(["streams", `${STREAM_ROUNDS} rounds × 200 concurrent`, `lost ${lost}`, `slowest round ${(slowest / 1000).toFixed(1)} s`]);
    log("streams done");

    const gc = forcedGc();
    await runSmallRequests({ url: gateway.url, key: gateway.key, requests: 1_000, concurrency: 8 }); // warm-up: JIT, caches, pools
    gateway.fake.requests.length = 0; // the fake's own request log (same process) is not the gateway's heap
    const before = await settledHeapBytes(gc);
    const half = await runSmallRequests({ url: gateway.url, key: gateway.key, requests: REQUESTS / 2, concurrency: 8 });
    gateway.fake.requests.length = 0;
    const middle = await settledHeapBytes(gc);
    const rest = await runSmallRequests({ url: gateway.url, key: gateway.key, requests: REQUESTS / 2, concurrency: 8 });
    gateway.fake.requests.length = 0;
    const after = await settledHeapBytes(gc);
    const lostRequests = half.lost + rest.lost;
    problems.push(...[...half.failures, ...rest.failures].map((failure) => `request: ${failure}`));
    const seconds = (half.ms + rest.ms) / 1000;
    rows.push(["requests", `${REQUESTS} small, 8 in flight`, `lost ${lostRequests}`, `${(REQUESTS / seconds).toFixed(0)} req/s`]);
    rows.push(["heap", `before ${MiB(before)} → midway ${MiB(middle)} → after ${MiB(after)}`, `growth ${MiB(after - before)} (${((after - before) / REQUESTS).toFixed(0)} B/request)`, `bound ${MiB(HEAP_BOUND_BYTES)}`]);
    if (lostRequests > 0 || lost > 0) problems.push(`requests lost: ${lostRequests} requests, ${lost} streams`);
    if (after - before > HEAP_BOUND_BYTES) problems.push(`heap grew ${MiB(after - before)} over ${REQUESTS} requests`);
    await gateway.audit.waitForTotal({ count: STREAM_ROUNDS * 200 + 1_000 + REQUESTS, timeoutMs: 10_000 }).catch((error) => problems.push(String(error)));
    log("requests done");
  } finally {
    await gateway.close();
  }
}

await fuzzSection();
await faultSection();
await loadSection();

console.log(`\n## edgeguard chaos run (${new Date().toISOString()}, node ${process.version}, gc ${(globalThis as { gc?: unknown }).gc ? "exposed" : "via v8 flags"})\n`);
console.log("| part | what | outcome | time |\n|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s; ${problems.length ? `${problems.length} PROBLEM(S):` : "no problems: requests lost = 0"}`);
for (const problem of problems) console.log(`- ${problem}`);
process.exit(problems.length ? 1 : 0);
