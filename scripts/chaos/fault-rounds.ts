// The fault half of `npm run test:chaos`: every provider fault of the fake, many times and concurrently, through one
// Node server, then Redis killed under fail-closed and fail-open servers. A fault is "survived" when its answer is
// the one the contract asks for (status, envelope, SSE error event) and the server still serves afterwards.
import { FAKE_PROVIDER_KEY, startFakeProvider } from "../../test/support/fake-provider";
import { startRealRedis } from "../../test/rate-limit/real-redis";
import { envelopeProblem, startHardeningGateway, stillServing, tryJson, type HardeningGateway } from "../../test/hardening/hardening-gateway";

export interface FaultReport {
  tried: number;
  survived: number;
  failures: string[];
  redis: "killed" | "skipped (redis-server not installed)";
}

interface Answer {
  status: number;
  text: string;
}

/** model → stream? → whether the answer is the contract's. */
const FAULTS: Array<{ model: string; stream: boolean; ok: (a: Answer) => boolean }> = [
  { model: "gpt-x-500", stream: false, ok: (a) => a.status === 502 && isEnvelope(a) },
  { model: "gpt-x-ratelimited", stream: true, ok: (a) => a.status === 502 && isEnvelope(a) },
  { model: "gpt-x-garbage", stream: true, ok: (a) => a.status === 200 && /"code":"upstream_error"/.test(a.text) && !a.text.includes("[DONE]") },
  { model: "gpt-fast-slow-first-3000", stream: true, ok: (a) => a.status === 504 && isEnvelope(a) },
  { model: "gpt-fb-slow-first-3000", stream: true, ok: (a) => a.status === 200 && a.text.trimEnd().endsWith("data: [DONE]") },
  { model: "gpt-fast-reset", stream: false, ok: (a) => a.status === 502 && isEnvelope(a) },
  { model: "gpt-x-drop", stream: true, ok: (a) => a.status === 200 && /"code":"upstream_error"/.test(a.text) && !a.text.includes("[DONE]") },
  { model: "claude-x-drop", stream: true, ok: (a) => a.status === 200 && /event: error/.test(a.text) && !a.text.includes("message_stop") },
  { model: "gpt-x-redirect", stream: true, ok: (a) => a.status === 502 && isEnvelope(a) },
  { model: "gpt-fast-stall", stream: true, ok: (a) => a.status === 200 && /"code":"upstream_error"/.test(a.text) && !a.text.includes("[DONE]") },
];

const isEnvelope = (a: Answer) => envelopeProblem({ dialect: "openai", body: tryJson(a.text) }) === null || envelopeProblem({ dialect: "anthropic", body: tryJson(a.text) }) === null;

async function call(gateway: HardeningGateway, model: string, stream: boolean): Promise<Answer> {
  const anthropic = model.startsWith("claude-");
  const response = await fetch(`${gateway.url}${anthropic ? "/v1/messages" : "/v1/chat/completions"}`, {
    method: "POST",
    headers: { authorization: `Bearer ${gateway.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, stream, max_tokens: 32, messages: [{ role: "user", content: "tell me a story" }] }),
  });
  return { status: response.status, text: await response.text() };
}

export async function runFaultRounds(options: { rounds: number }): Promise<FaultReport> {
  const report: FaultReport = { tried: 0, survived: 0, failures: [], redis: "killed" };
  const gateway = await startHardeningGateway({
    configure: (base) => ({
      ...base,
      providers: { ...base.providers, fast: { type: "openai", baseUrl: base.providers.backup.baseUrl.replace(/\/backup\/v1$/, "/v1"), apiKey: FAKE_PROVIDER_KEY, maxRetries: 0, firstTokenTimeoutMs: 400, streamIdleTimeoutMs: 300 } },
      routes: [{ model: "gpt-fb-*", provider: "fast", fallbacks: ["backup"] }, { model: "gpt-fast-*", provider: "fast" }, ...base.routes],
    }),
  });
  try {
    for (let round = 0; round < options.rounds; round++) {
      const answers = await Promise.all(FAULTS.map((fault) => call(gateway, fault.model, fault.stream).catch((error) => ({ status: 0, text: String(error) }))));
      const serving = await stillServing(gateway);
      answers.forEach((answer, i) => {
        report.tried++;
        if (FAULTS[i].ok(answer) && serving) report.survived++;
        else if (report.failures.length < 5) report.failures.push(`${FAULTS[i].model}: ${answer.status} ${answer.text.slice(0, 100)}`);
      });
    }
  } finally {
    await gateway.close();
  }
  await runRedisKill({ report, requests: options.rounds * 4 });
  return report;
}

async function runRedisKill(options: { report: FaultReport; requests: number }): Promise<void> {
  const { report } = options;
  const real = await startRealRedis();
  if (!real) {
    report.redis = "skipped (redis-server not installed)";
    return;
  }
  const fake = await startFakeProvider();
  const servers: HardeningGateway[] = [];
  try {
    for (const failMode of ["closed", "open"] as const) {
      servers.push(
        await startHardeningGateway({
          fake,
          configure: (base) => ({
            ...base,
            tenants: base.tenants!.map((t) => ({ ...t, limits: { requests: { limit: 1_000_000, window: "1 m" } } })),
            rateLimit: { backend: "upstash", url: real.bridge.url, token: real.bridge.token, timeoutMs: 300, failMode },
          }),
        }),
      );
    }
    real.redisServer.kill();
    await real.redisServer.exited;
    for (let i = 0; i < options.requests; i++) {
      const [closed, open] = await Promise.all(servers.map((server) => call(server, "gpt-4o-mini", i % 2 === 0)));
      for (const [name, answer, ok] of [["closed", closed, closed.status === 503 && isEnvelope(closed)], ["open", open, open.status === 200]] as const) {
        report.tried++;
        if (ok) report.survived++;
        else if (report.failures.length < 5) report.failures.push(`redis down, fail-${name}: ${answer.status} ${answer.text.slice(0, 100)}`);
      }
    }
    const open = servers[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!open.audit.recent.every((record) => record.failOpen.length > 0)) report.failures.push("fail-open records without a failOpen entry");
  } finally {
    for (const server of servers) await server.close();
    await fake.stop();
    await real.stop();
  }
}
