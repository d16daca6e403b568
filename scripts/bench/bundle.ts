// Worker bundle size (gzip, as `wrangler deploy --dry-run` builds it) and module start time: Node evaluating the
// bundle, the CPU workerd spends starting the Worker (`wrangler check startup`, the phase Cloudflare limits), and the
// whole start's CPU in the workerd process, compiling included (workerd-start-cpu.ts).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { measureWorkerdStartCpu, type WorkerdStartCpu } from "./workerd-start-cpu";

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples: number[];
  timeDeltas: number[];
}

/** CPU ms of workerd's startup phase: the profile's sampled time minus its idle samples. */
export function busyMsOf(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) busyUs += profile.timeDeltas[i];
  });
  return busyUs / 1000;
}

export const WORKERD_RUNS = 7;

function workerdStartMs(outdir: string): number {
  const outfile = join(outdir, "startup.cpuprofile");
  execFileSync("node_modules/.bin/wrangler", ["check", "startup", "--outfile", outfile], { stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  return busyMsOf(JSON.parse(readFileSync(outfile, "utf8")) as CpuProfile);
}

export const WORKERD_PROCESS_ROUNDS = 21;

/**
 * `wrangler deploy --dry-run` into `outdir`, emptied first: wrangler leaves an earlier build's hashed .bin and .wasm
 * beside the new ones, and a stale classifier-weights.bin once made the bundle read 80 KiB gzip too big. Returns the
 * module files (code, WebAssembly, weights).
 */
export function buildWorkerBundle(outdir: string): string[] {
  rmSync(outdir, { recursive: true, force: true });
  execFileSync("node_modules/.bin/wrangler", ["deploy", "--dry-run", "--outdir", outdir], { stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  return readdirSync(outdir).filter((f) => f.endsWith(".js") || f.endsWith(".mjs") || f.endsWith(".wasm") || f.endsWith(".bin"));
}

export async function measureBundle(): Promise<{ rawBytes: number; gzipBytes: number; startMs: number; workerdStartMs: number; workerdProcess: WorkerdStartCpu }> {
  const outdir = resolve(".wrangler/bench-bundle");
  const files = buildWorkerBundle(outdir);
  let raw = Buffer.alloc(0);
  for (const file of files) raw = Buffer.concat([raw, readFileSync(join(outdir, file))]);
  const main = files.find((f) => f === "index.js") ?? files[0];
  // Module start: evaluate the bundle in a fresh child (a warm import cache would lie), its .wasm imports compiled as
  // workerd compiles them (the hooks are registered before the clock starts).
  const hooks = pathToFileURL(resolve("scripts/bench/compiled-wasm-hooks.mjs")).href;
  const script = `import{register}from"node:module";register(${JSON.stringify(hooks)});` +
    `const t=performance.now();await import(${JSON.stringify(pathToFileURL(join(outdir, main)).href)});console.log(performance.now()-t)`;
  const runs = Array.from({ length: 5 }, () => Number(execFileSync("node", ["--input-type=module", "-e", script]).toString().trim()));
  runs.sort((a, b) => a - b);
  // workerd's profile samples every ~1 ms and a run can land a sample on a long compile gap: 7 runs, the median.
  const workerd = Array.from({ length: WORKERD_RUNS }, () => workerdStartMs(outdir)).sort((a, b) => a - b);
  const workerdProcess = await measureWorkerdStartCpu({ outdir, rounds: WORKERD_PROCESS_ROUNDS });
  return { rawBytes: raw.length, gzipBytes: gzipSync(raw).length, startMs: runs[2], workerdStartMs: workerd[WORKERD_RUNS >> 1], workerdProcess };
}
