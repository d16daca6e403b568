// Dev probe (not a test): the gateway's own cost over real HTTP on Node, screening off. Gateways from two source
// trees (A/B, e.g. a copy of the old code and this one) against one fake provider, alternating, same run.
// `npx tsx workers/overhead-probe-http.bench.ts /path/to/treeA /path/to/treeB`.
import { spawn } from "node:child_process";
import { once } from "node:events";
import autocannon from "autocannon";
import { generateApiKey, sha256Hex } from "../shared/auth/api-key";
import { parseValid } from "../shared/validation/validate";

if (process.argv[2] === "--serve") {
  const { startNodeServer } = await import(`${process.cwd()}/workers/node.ts`);
  const { gatewayConfigSchema } = await import(`${process.cwd()}/shared/config/schema.ts`);
  const server = await startNodeServer({ config: parseValid(gatewayConfigSchema, JSON.parse(process.argv[3])), port: 0, auditSink: { write: async () => undefined } });
  server.deps.detectors = []; // screening is measured elsewhere: this probe isolates the rest of the request path
  if (process.env.PROBE_PROF) {
    // Profile the gateway child itself; written when the parent stops it.
    const { Session } = await import("node:inspector/promises");
    const { writeFileSync } = await import("node:fs");
    const session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
    process.once("SIGTERM", async () => {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(`${process.env.PROBE_PROF}.${process.pid}.cpuprofile`, JSON.stringify(profile));
      process.exit(0);
    });
  }
  process.stdout.write(`${server.port}\n`);
} else {
  const trees = process.argv.slice(2);
  const tsx = `${import.meta.dirname}/../node_modules/.bin/tsx`;
  const startChild = async (args: string[], cwd: string) => {
    const child = spawn(tsx, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
    const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
    return { child, url: `http://127.0.0.1:${Number(chunk.toString().trim())}` };
  };
  const upstream = await startChild(["scripts/bench/fake-upstream.ts"], trees[0]);
  const { key, keyId } = generateApiKey();
  const config = JSON.stringify({
    providers: { fake: { type: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-bench" } },
    routes: [{ model: "*", provider: "fake" }],
    tenants: [{ id: "bench", keys: [{ id: keyId, sha256: await sha256Hex(key) }], limits: { requests: { limit: 100_000_000, window: "1 m" } } }],
  });
  const gateways = await Promise.all(trees.map((tree) => startChild([`${import.meta.dirname}/overhead-probe-http.bench.ts`, "--serve", config], tree)));
  const sentence = "The quarterly report covers revenue growth, hiring plans and the roadmap for the next release. ";
  const body = JSON.stringify({ model: "gpt-4o-mini", stream: false, messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: sentence.repeat(21) }] });
  const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
  const targets = [{ name: "direct", url: upstream.url }, ...trees.map((tree, i) => ({ name: tree, url: gateways[i].url }))];
  const run = (url: string, connections: number, seconds: number) =>
    autocannon({ url: `${url}/v1/chat/completions`, method: "POST", headers, body, connections, duration: seconds });
  for (const target of targets) await run(target.url, 4, 1); // warm up
  for (let round = 0; round < 2; round++) {
    for (const target of targets) {
      const seq = await run(target.url, 1, 3);
      const load = await run(target.url, 20, 3);
      console.log(`${target.name}: 1 conn p50 ${seq.latency.p50} ms, mean ${seq.latency.average.toFixed(2)} ms, ${seq.requests.average.toFixed(0)} req/s | 20 conn ${load.requests.average.toFixed(0)} req/s${load.non2xx || load.errors ? ` (non2xx ${load.non2xx}, errors ${load.errors})` : ""}`);
    }
  }
  for (const child of [upstream, ...gateways]) child.child.kill("SIGTERM");
}
