// The life of a streamed answer through the Node server: a client that goes away cancels the provider call, the
// usage chunk the gateway asked for is hidden from clients that did not ask, and token budgets settle on the usage the
// stream reported (not on the estimate).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryAuditSink } from "../../shared/audit/memory-sink";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { fakeAnswerFor, startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, makeKey, providerSection, type TestKey } from "../support/test-config";

/** An OpenAI-style upstream that streams one chunk every 100 ms for 5 s and records when a client hangs up early. */
function startEndlessUpstream(): Promise<{ url: string; closedEarly: number[]; server: Server }> {
  const closedEarly: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "text/event-stream" });
    let sent = 0;
    const timer = setInterval(() => {
      const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "gpt-endless", choices: [{ index: 0, delta: { content: `word${sent} ` }, finish_reason: null }] };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (++sent === 50) {
        clearInterval(timer);
        res.end("data: [DONE]\n\n");
      }
    }, 100);
    res.on("close", () => {
      clearInterval(timer);
      if (sent < 50) closedEarly.push(sent);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closedEarly, server })));
}

let fake: FakeProvider;
let endless: Awaited<ReturnType<typeof startEndlessUpstream>>;
let server: NodeServer;
let key: TestKey;
const audit = createMemoryAuditSink();

beforeAll(async () => {
  fake = await startFakeProvider();
  endless = await startEndlessUpstream();
  const made = await makeKey();
  key = made;
  const base = providerSection(fake.url);
  const config = buildConfig({
    ...base,
    providers: { ...base.providers, endless: { type: "openai", baseUrl: `${endless.url}/v1`, apiKey: "sk-endless" } },
    routes: [{ model: "gpt-endless", provider: "endless" }, ...base.routes!],
    tenants: [{ id: "streams", keys: [made.config], limits: { tokens: { limit: 100_000, window: "1 h" } } }],
  });
  server = await startNodeServer({ config, port: 0, auditSink: audit });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
  endless?.server.closeAllConnections();
  await new Promise((resolve) => endless?.server.close(resolve));
});

const post = (body: object, signal?: AbortSignal) =>
  fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });

describe("client disconnect", () => {
  it("cancels the provider stream and audits the disconnect", async () => {
    const controller = new AbortController();
    const response = await post({ model: "gpt-endless", stream: true, messages: [{ role: "user", content: "go on forever" }] }, controller.signal);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("word");
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const deadline = Date.now() + 2_000;
    while (endless.closedEarly.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(endless.closedEarly).toHaveLength(1);
    expect(endless.closedEarly[0]).toBeLessThan(20); // well before the 50 chunks of a full answer
    await new Promise((r) => setTimeout(r, 100));
    const record = audit.records.find((r) => r.model === "gpt-endless");
    expect(record?.streamOutcome).toBe("client_disconnected");
  });

  it("audits a client that leaves before the provider answers as 499 client_disconnected, not the provider's 502", async () => {
    const controller = new AbortController();
    const asked = post({ model: "gpt-4o-hang", messages: [{ role: "user", content: "take your time" }] }, controller.signal);
    await new Promise((r) => setTimeout(r, 150)); // the attempt is in flight at the provider
    controller.abort();
    await asked.catch(() => undefined);
    const findRecord = () => audit.records.find((r) => r.model === "gpt-4o-hang");
    const deadline = Date.now() + 2_000;
    while (!findRecord() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(findRecord()).toMatchObject({ status: 499, reason: "client_disconnected" });
    expect(findRecord()?.upstreamAttempts).toEqual([expect.objectContaining({ provider: "openai", error: "client_disconnected" })]);
  });
});

describe("stream usage", () => {
  const messages = [{ role: "user", content: "Count my tokens, please." }];

  it("hides the usage chunk from a client that did not ask, and shows it to one that did", async () => {
    const plain = await (await post({ model: "gpt-4o-mini", stream: true, messages })).text();
    expect(plain).not.toContain('"choices":[]');
    expect(plain).toContain("[DONE]");
    const asked = await (await post({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true }, messages })).text();
    expect(asked).toContain('"choices":[]');
    expect(asked).toContain('"usage"');
    const upstream = fake.requests.filter((r) => JSON.stringify(r.body).includes("Count my tokens"));
    expect(upstream.every((r) => (r.body.stream_options as { include_usage?: boolean })?.include_usage === true)).toBe(true);
  });

  it("settles the token budget on the usage the stream reported", async () => {
    const body = { model: "gpt-4o-mini", stream: true, max_tokens: 500, messages: [{ role: "user", content: "Budget check" }] };
    const first = await post(body);
    const remainingAfterFirst = Number(first.headers.get("x-ratelimit-remaining-tokens"));
    await first.text();
    await new Promise((r) => setTimeout(r, 100)); // the settle runs after the stream ends
    const second = await post(body);
    const remainingAfterSecond = Number(second.headers.get("x-ratelimit-remaining-tokens"));
    await second.text();
    const answer = fakeAnswerFor(body);
    const actual = 12 + Math.ceil(answer.length / 4); // the fake's reported prompt + completion tokens
    // Both reservations are the same estimate, so the difference is exactly what the first request really used.
    expect(remainingAfterFirst - remainingAfterSecond).toBe(actual);
  });
});
