// Dev probe (not a test): per-request cost of the gateway itself on Node, screening off, provider faked in-process.
// `npx tsx workers/overhead-probe.bench.ts [--prof out.cpuprofile] [--n 4000]`.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { generateApiKey, sha256Hex } from "../shared/auth/api-key";
import { parseValid } from "../shared/validation/validate";
import { createApp } from "./app";
import type { Env } from "./app-env";
import { nodeDeps } from "./node";

const args = process.argv.slice(2);
const N = Number(args[args.indexOf("--n") + 1] || 4000) || 4000;
const profOut = args.includes("--prof") ? args[args.indexOf("--prof") + 1] : undefined;

const answer = JSON.stringify({ id: "c1", object: "chat.completion", created: 0, model: "gpt-4o-mini", choices: [{ index: 0, message: { role: "assistant", content: "Sure, here is a short answer about the roadmap." }, finish_reason: "stop" }], usage: { prompt_tokens: 500, completion_tokens: 12, total_tokens: 512 } });
const fakeFetch = (async () => new Response(answer, { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch;

const { key, keyId } = generateApiKey();
const config = {
  providers: { fake: { type: "openai", baseUrl: "http://fake.invalid/v1", apiKey: "sk-bench" } },
  routes: [{ model: "*", provider: "fake" }],
  tenants: [{ id: "bench", keys: [{ id: keyId, sha256: await sha256Hex(key) }], limits: { requests: { limit: 100_000_000, window: "1 m" } } }],
};
const { gatewayConfigSchema } = await import("../shared/config/schema");
const parsed = parseValid(gatewayConfigSchema, config);
const deps = { ...nodeDeps({ config: parsed, auditSink: { write: async () => undefined } }), detectors: [], upstreamFetch: fakeFetch };
const app = createApp({ resolveDeps: () => deps });
const pending: Promise<unknown>[] = [];
const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
const sentence = "The quarterly report covers revenue growth, hiring plans and the roadmap for the next release. ";
const body = JSON.stringify({ model: "gpt-4o-mini", stream: false, messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: sentence.repeat(21) }] });

async function once(): Promise<void> {
  const res = await app.fetch(new Request("http://gw/v1/chat/completions", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": String(body.length) }, body }), {} as Env, ctx);
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  await res.text();
}
async function run(n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await once();
  await Promise.all(pending.splice(0));
  return ((performance.now() - t0) * 1000) / n;
}
await run(1500);
let session: Session | undefined;
if (profOut) { session = new Session(); session.connect(); await session.post("Profiler.enable"); await session.post("Profiler.setSamplingInterval", { interval: 100 }); await session.post("Profiler.start"); }
const samples = [await run(N), await run(N), await run(N)].sort((a, b) => a - b);
if (session) { const { profile } = await session.post("Profiler.stop"); writeFileSync(profOut!, JSON.stringify(profile)); }
console.log(`in-process app.fetch, screening off: ${samples.map((s) => s.toFixed(1)).join(" / ")} us per request (median ${samples[1].toFixed(1)})`);
