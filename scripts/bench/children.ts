// Starts the benchmark's processes (fake provider, bare proxy, the Hono relay, `edgeguard serve`) and waits for each
// to be ready.
import { spawn, type ChildProcess } from "node:child_process";
import { build } from "esbuild";
import { once } from "node:events";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface Child {
  url: string;
  process: ChildProcess;
}

const tsx = ["node_modules/.bin/tsx"];

/** Runs a tsx script that prints its port as the first stdout line. */
export async function startPortChild(options: { script: string; args?: string[] }): Promise<Child> {
  return portOf(spawn(tsx[0], [options.script, ...(options.args ?? [])], { stdio: ["ignore", "pipe", "inherit"] }));
}

/**
 * Like startPortChild, from an esbuild bundle of the script run by node: what `edgeguard serve` runs (bin/cli-bundle.mjs),
 * so a server compared with it pays no tsx-only cost (tsx keeps function names: a defineProperty per arrow field of
 * every Hono Context).
 */
export async function startBundledPortChild(options: { script: string; args?: string[] }): Promise<Child> {
  const outfile = `.wrangler/bench-bundles/${basename(options.script, ".ts")}.mjs`;
  await build({ entryPoints: [options.script], outfile, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "silent" });
  return portOf(spawn("node", [outfile, ...(options.args ?? [])], { stdio: ["ignore", "pipe", "inherit"] }));
}

async function portOf(child: ChildProcess): Promise<Child> {
  const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
  const port = Number(chunk.toString().trim().split("\n")[0]);
  child.stdout!.resume();
  return { url: `http://127.0.0.1:${port}`, process: child };
}

/** `edgeguard serve --config FILE --port PORT`, polled on /healthz until it answers. */
export async function startGateway(options: { configFile: string; port: number }): Promise<Child> {
  const child = spawn("node", ["bin/edgeguard.mjs", "serve", "--config", options.configFile, "--port", String(options.port)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${options.port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, process: child };
    } catch {
      await sleep(50);
    }
  }
  child.kill();
  throw new Error("edgeguard serve did not start");
}

export function stopAll(children: Child[]): void {
  for (const child of children) child.process.kill("SIGTERM");
}
