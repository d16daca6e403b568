// The CPU the workerd process spends starting the Worker, compiling included. `wrangler check startup` profiles the
// JavaScript thread from the bundle's top level on, so it never sees V8 compiling the bundle; here workerd
// serves three variants of the dry-run bundle until it reports its socket listening (workers load before that), and
// the CPU of all its threads (/proc schedstat, nanoseconds) is read then. The variants: the bundle; the same code
// wrapped in a function never called (compiled, not run); an empty Worker (workerd's own start, ~50 ms here).
// Alternating rounds, the fastest of each (like the detector rows: other load only ever adds CPU, and workerd's own
// start swings ±15 ms here): whole start = bundle − empty, top level = bundle − wrapped.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const WORKERD = resolve("node_modules/.bin/workerd");
const VARIANTS = ["bundle", "wrapped", "empty"] as const;
type Variant = (typeof VARIANTS)[number];

export interface WorkerdStartCpu {
  /** Compiling the bundle and running its top level, over an empty Worker's start. */
  wholeMs: number;
  /** Running the top level only (the bundle over the same code compiled but not run). */
  topLevelMs: number;
  rounds: number;
}

// esbuild's output for the bundle: default imports (the .wasm and .bin modules) and one closing export statement.
const IMPORT = /import\s*[\w$]+\s*from\s*"[^"]+";?/g;
const CLOSING_EXPORT = /export\s*\{[^}]*\}\s*;?\s*(?:\/\/[^\n]*\s*)*$/;

/** The bundle's text with everything but its imports inside a function that is never called. */
export function wrapUncalled(bundle: string): string {
  const imports = bundle.match(IMPORT) ?? [];
  const body = bundle.replace(CLOSING_EXPORT, "").replace(IMPORT, "");
  return `${imports.join("\n")}\nfunction neverCalled() {\n${body}\n}\nexport default { fetch() { return new Response(String(neverCalled.length)); } };\n`;
}

/** The Worker's compatibility date, from wrangler.toml: the variants start as the deployed Worker does. */
export function wranglerCompatibilityDate(): string {
  return /^compatibility_date = "(.*)"$/m.exec(readFileSync("wrangler.toml", "utf8"))![1];
}

function capnpConfig(options: { main: string; extraModules: string[] }): string {
  const modules = [
    `(name = "worker", esModule = embed "${options.main}")`,
    ...options.extraModules.map((file) => `(name = "./${file}", ${file.endsWith(".wasm") ? "wasm" : "data"} = embed "${file}")`),
  ];
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ ${modules.join(", ")} ],
  compatibilityDate = "${wranglerCompatibilityDate()}",
);
`;
}

/** CPU milliseconds of every thread of `pid` so far. */
function threadsCpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
  }
  return ns / 1e6;
}

/** Starts workerd on `config`, waits for its listen report on fd 3, and returns the CPU it has used by then. */
function startCpuMs(config: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(WORKERD, ["serve", config, "--control-fd=3"], { stdio: ["ignore", "ignore", "pipe", "pipe"] });
    let errors = "";
    child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdio[3]!.once("data", () => {
      const ms = threadsCpuMs(child.pid!);
      clearTimeout(timer);
      child.kill("SIGKILL");
      done(ms);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`workerd exited (${code}) before listening: ${errors.slice(0, 500)}`));
    });
  });
}

/** Measures the dry-run bundle in `outdir` (index.js and the modules beside it); the variants go to `${outdir}-start-cpu`. */
export async function measureWorkerdStartCpu(options: { outdir: string; rounds: number }): Promise<WorkerdStartCpu> {
  const { outdir, rounds } = options;
  const workdir = `${outdir}-start-cpu`;
  mkdirSync(workdir, { recursive: true });
  const bundle = readFileSync(join(outdir, "index.js"), "utf8");
  const extraModules = readdirSync(outdir).filter((file) => file.endsWith(".wasm") || file.endsWith(".bin"));
  for (const file of extraModules) copyFileSync(join(outdir, file), join(workdir, file));
  const sources: Record<Variant, string> = {
    bundle,
    wrapped: wrapUncalled(bundle),
    empty: "export default { fetch() { return new Response(''); } };\n",
  };
  const configs = {} as Record<Variant, string>;
  for (const variant of VARIANTS) {
    writeFileSync(join(workdir, `${variant}.js`), sources[variant]);
    configs[variant] = join(workdir, `${variant}.capnp`);
    writeFileSync(configs[variant], capnpConfig({ main: `${variant}.js`, extraModules }));
  }
  const samples: Record<Variant, number[]> = { bundle: [], wrapped: [], empty: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of VARIANTS) samples[variant].push(await startCpuMs(configs[variant]));
  }
  const fastest = (variant: Variant): number => Math.min(...samples[variant]);
  return { wholeMs: fastest("bundle") - fastest("empty"), topLevelMs: fastest("bundle") - fastest("wrapped"), rounds };
}
