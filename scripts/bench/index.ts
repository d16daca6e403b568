// `npm run bench`: one markdown table of what "minimal overhead" means, measured side by side in one run:
// the same 2 KB request direct to a fake provider, through a bare node:http proxy (the floor of any hop), and through
// `edgeguard serve` with auth, rate limit and the full default screening; streamed time to first token; detector cost;
// the classifier alone and each direction's whole screening on the corpus test texts; time to first token on a
// token-like stream with each stream hold-back setting; Worker bundle size and start time; throughput at fixed
// concurrency, and the CPU each server process spent per request under it, with the framework floor (a bare Hono
// relay) beside them.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { generateApiKey, sha256Hex } from "../../shared/auth/api-key";
import { measureBundle, WORKERD_PROCESS_ROUNDS, WORKERD_RUNS } from "./bundle";
import { startBundledPortChild, startGateway, startPortChild, stopAll, type Child } from "./children";
import { measureAlternating, type Target } from "./latency";
import { processTreeCpuMs } from "./process-cpu";
import { measureThroughput } from "./throughput";

const quick = process.argv.includes("--quick");
const ITERATIONS = quick ? 150 : 1500;
const fmt = (ms: number) => ms.toFixed(2);

let requestNumber = 0;
/**
 * ~2 KB of ordinary prose (no PII): what a chatbot turn with some history looks like. Each request's user text is new
 * (it is numbered), as a real turn's is: the gateway remembers texts it found clean, and one prompt sent again and
 * again would measure that cache, not screening. The system prompt repeats, as an app's does.
 */
function requestBody(stream: boolean): () => string {
  const sentence = "The quarterly report covers revenue growth, hiring plans and the roadmap for the next release. ";
  const prose = sentence.repeat(21);
  return () => JSON.stringify({ model: "gpt-4o-mini", stream, messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: `Request ${requestNumber++}. ${prose}` }] });
}

async function main(): Promise<void> {
  const children: Child[] = [];
  const rows: string[][] = [];
  try {
    const upstream = await startPortChild({ script: "scripts/bench/fake-upstream.ts" });
    children.push(upstream);
    const proxy = await startPortChild({ script: "scripts/bench/bare-proxy.ts", args: [upstream.url] });
    children.push(proxy);
    const relay = await startBundledPortChild({ script: "scripts/bench/hono-relay.ts", args: [upstream.url] });
    children.push(relay);
    const { key, keyId } = generateApiKey();
    const config = {
      providers: { fake: { type: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-bench" } },
      routes: [{ model: "*", provider: "fake" }],
      tenants: [{ id: "bench", keys: [{ id: keyId, sha256: await sha256Hex(key) }], limits: { requests: { limit: 10_000_000, window: "1 m" } } }],
    };
    mkdirSync(".wrangler", { recursive: true });
    writeFileSync(".wrangler/bench-config.json", JSON.stringify(config));
    const gateway = await startGateway({ configFile: ".wrangler/bench-config.json", port: 18787 + Math.floor(Math.random() * 1000) });
    children.push(gateway);

    const auth = { authorization: `Bearer ${key}` };
    const targets: Target[] = [
      { name: "direct", url: upstream.url, headers: auth },
      { name: "bare proxy", url: proxy.url, headers: auth },
      { name: "edgeguard", url: gateway.url, headers: auth },
    ];
    const path = "/v1/chat/completions";
    for (const [label, stream] of [["2 KB request, full response", false], ["streamed, time to first token", true]] as const) {
      const stats = await measureAlternating({ targets, path, nextBody: requestBody(stream), firstToken: stream, iterations: ITERATIONS, warmup: 100 });
      const direct = stats.direct;
      const floor = stats["bare proxy"].p50 - direct.p50;
      const ours = stats.edgeguard.p50 - direct.p50;
      rows.push([`${label}: p50 / p99 ms (direct ${fmt(direct.p50)} / ${fmt(direct.p99)})`, `${fmt(stats["bare proxy"].p50)} / ${fmt(stats["bare proxy"].p99)} (+${fmt(floor)})`, `${fmt(stats.edgeguard.p50)} / ${fmt(stats.edgeguard.p99)} (+${fmt(ours)})`, `added p50: ${fmt(ours / Math.max(floor, 0.001))}x the bare hop (goal <= 1.25x)`]);
    }
    const bodyForLoad = requestBody(false);
    const load: Record<string, number> = {};
    // CPU each server process spent per request under that load: steadier than req/s on a shared machine.
    const cpuUs: Record<string, number | undefined> = {};
    const serverOf: Record<string, Child> = { direct: upstream, "bare proxy": proxy, "hono relay": relay, edgeguard: gateway };
    // The relay is measured under load only: it shows what part of the gateway's CPU the framework accounts for.
    for (const target of [...targets, { name: "hono relay", url: relay.url, headers: auth }]) {
      const cpuBefore = processTreeCpuMs(serverOf[target.name].process.pid!);
      const result = await measureThroughput({ target, path, nextBody: bodyForLoad, connections: 20, seconds: quick ? 3 : 8 });
      const cpuAfter = processTreeCpuMs(serverOf[target.name].process.pid!);
      load[target.name] = result.rps;
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpuUs[target.name] = ((cpuAfter - cpuBefore) * 1000) / result.requests;
      if (result.errors || result.non2xx) rows.push([`throughput errors via ${target.name}`, String(result.errors), String(result.non2xx), ""]);
    }
    rows.push([`throughput, 20 connections: req/s (direct ${load.direct.toFixed(0)})`, load["bare proxy"].toFixed(0), load.edgeguard.toFixed(0), `${((load.edgeguard / load["bare proxy"]) * 100).toFixed(0)}% of the bare proxy`]);
    if (cpuUs.direct !== undefined && cpuUs["bare proxy"] !== undefined && cpuUs.edgeguard !== undefined) {
      // The proxy's and the gateway's own process only: the fake provider's share is the "direct" figure.
      rows.push([`CPU per request in the server process under that load: µs (fake provider ${cpuUs.direct.toFixed(0)})`, cpuUs["bare proxy"].toFixed(0), cpuUs.edgeguard.toFixed(0), `${(cpuUs.edgeguard / cpuUs["bare proxy"]).toFixed(1)}x the bare proxy`]);
    }
    const floorCpu = cpuUs["hono relay"];
    if (floorCpu !== undefined && cpuUs["bare proxy"] !== undefined && cpuUs.edgeguard !== undefined) {
      rows.push([
        "the framework floor under that load: Hono on @hono/node-server relaying the parsed JSON, no stages (hono-relay.ts): req/s, CPU µs per request",
        "",
        "",
        `${load["hono relay"].toFixed(0)} req/s, ${floorCpu.toFixed(0)} µs: ${(floorCpu / cpuUs["bare proxy"]).toFixed(1)}x the bare proxy's CPU; edgeguard ${(cpuUs.edgeguard / floorCpu).toFixed(1)}x the floor's`,
      ]);
    }
  } finally {
    stopAll(children);
  }

  for (const section of await optionalSections()) rows.push(...section);
  const bundle = await measureBundle();
  rows.push(["Worker bundle (wrangler dry-run): gzip / raw", `${(bundle.gzipBytes / 1024).toFixed(0)} KiB`, `${(bundle.rawBytes / 1024).toFixed(0)} KiB`, "goal <= 1 MiB gzip"]);
  rows.push(["Worker module start (Node evaluating the bundle, median of 5)", `${fmt(bundle.startMs)} ms`, "", "goal <= 10 ms"]);
  rows.push([`Worker startup CPU in workerd (\`wrangler check startup\`, median of ${WORKERD_RUNS}): the top level, not compiling`, `${fmt(bundle.workerdStartMs)} ms`, "", "goal <= 10 ms"]);
  rows.push([
    `Worker start CPU of the workerd process over an empty Worker's, compiling included (fastest of ${WORKERD_PROCESS_ROUNDS})`,
    `${fmt(bundle.workerdProcess.wholeMs)} ms`,
    "",
    `of which the top level ${fmt(bundle.workerdProcess.topLevelMs)} ms, compiling the rest; goal <= 10 ms`,
  ]);

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`\nedgeguard bench — ${cpus().length} cores, ${cpu}, Node ${process.version}, ${ITERATIONS} alternating requests per target\n`);
  console.log("| measure | bare proxy | edgeguard | note |\n|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

/** Sections owned by other modules (detectors, stream screening, limiter); each adds rows when present. */
async function optionalSections(): Promise<string[][][]> {
  const sections: string[][][] = [];
  const load = async (path: string, fn: string) => {
    try {
      const module = (await import(path)) as Record<string, () => Promise<Array<Record<string, unknown>>>>;
      const rows = await module[fn]();
      // Fractional figures (µs/KB, ms) to one decimal; counts and labels as they are.
      const cell = (value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? value.toFixed(1) : String(value));
      sections.push(rows.map((row) => Object.values(row).map(cell).concat(["", "", ""]).slice(0, 4)));
    } catch (error) {
      sections.push([[`${fn} unavailable`, String(error instanceof Error ? error.message : error).slice(0, 80), "", ""]]);
    }
  };
  await load("./detectors-bench.ts", "benchDetectors");
  await load("./short-prompt-bench.ts", "benchShortPrompt");
  await load("./conversation-bench.ts", "benchConversation");
  await load("./classifier-corpus-bench.ts", "benchClassifierCorpus");
  await load("./screening-corpus-bench.ts", "benchScreeningCorpus");
  await load("./token-stream-ttft-bench.ts", "benchTokenStreamTtft");
  await load("./stream-bench.ts", "benchStreamScreening");
  await load("./limiter-bench.ts", "benchLimiter");
  await load("./cli-start-bench.ts", "benchCliStart");
  return sections;
}

await main();
