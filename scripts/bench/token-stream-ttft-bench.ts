// Time to first token through the gateway when the provider streams like a real model: token-sized deltas
// ("Hello", "!", " How", …) a fixed gap apart. The main TTFT row streams without gaps and so cannot show what the
// stream hold-back costs: with policy.streaming.holdWords "all" (default) a delta's unfinished last word waits for
// the next delta, so "Hello" waits for "!" and "Hello!" for " How"; "suspicious" releases plain words at once.
// Runs an in-process Node server against an in-process provider (the gaps dwarf the CPU either way).
import { createServer, type Server } from "node:http";
import { openAiEvents } from "../../shared/streaming/test-fakes";
import { buildConfig, makeKey } from "../../test/support/test-config";
import { startNodeServer } from "../../workers/node";

const TOKENS = ["Hello", "!", " How", " can", " I", " help", " you", " today", "?"];

export interface TokenStreamTtftRow {
  measure: string;
  p50Ms: number;
  addedMs: number;
}

async function startTokenProvider(gapMs: number): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    for await (const _ of req); // the request body is not needed
    res.writeHead(200, { "content-type": "text/event-stream" });
    // The role chunk at once, then each token chunk a gap later, then the stop chunk and [DONE].
    const [role, ...rest] = openAiEvents({ deltas: TOKENS });
    res.write(role);
    for (const [i, event] of rest.entries()) {
      if (i < TOKENS.length) await new Promise((resolve) => setTimeout(resolve, gapMs));
      if (res.destroyed) return;
      res.write(event);
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

let asked = 0;
/** Milliseconds from sending the request to the first non-empty content delta (each prompt new: no cache hit). */
async function timeToFirstToken(options: { baseUrl: string; key: string }): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${options.baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: `hi there (${asked++})` }] }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    seen += decoder.decode(read.value, { stream: true });
    if (/"content":"[^"]/.test(seen)) {
      const elapsed = performance.now() - started;
      await reader.cancel();
      return elapsed;
    }
  }
  throw new Error("the stream ended without content");
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchTokenStreamTtft(options: { gapMs?: number; rounds?: number } = {}): Promise<TokenStreamTtftRow[]> {
  const { gapMs = 30, rounds = 15 } = options;
  const provider = await startTokenProvider(gapMs);
  const [strict, eager] = await Promise.all([makeKey(), makeKey()]);
  const config = buildConfig({
    providers: { tokens: { type: "openai", baseUrl: `${provider.url}/v1`, apiKey: "sk-bench" } },
    routes: [{ model: "*", provider: "tokens" }],
    policies: { eager: { streaming: { holdWords: "suspicious" } } },
    tenants: [{ id: "strict", keys: [strict.config] }, { id: "eager", keys: [eager.config], policy: "eager" }],
  });
  const gateway = await startNodeServer({ config, port: 0, auditSink: { async write() {} } });
  try {
    const samples = { direct: [] as number[], all: [] as number[], suspicious: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      samples.direct.push(await timeToFirstToken({ baseUrl: provider.url, key: strict.key }));
      samples.all.push(await timeToFirstToken({ baseUrl: gateway.url, key: strict.key }));
      samples.suspicious.push(await timeToFirstToken({ baseUrl: gateway.url, key: eager.key }));
    }
    const direct = median(samples.direct);
    const row = (measure: string, values: number[]) => ({ measure, p50Ms: median(values), addedMs: median(values) - direct });
    return [
      row(`token-like stream (${gapMs} ms apart), time to first token p50: direct`, samples.direct),
      row('the same through edgeguard, holdWords "all" (default)', samples.all),
      row('the same through edgeguard, holdWords "suspicious"', samples.suspicious),
    ];
  } finally {
    await gateway.close();
    provider.server.close();
  }
}
