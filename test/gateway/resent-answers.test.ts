// A chat resends the model's answers as history. Through the Node gateway, the official SDKs and the real detectors:
// an answer the gateway delivered (whole or streamed; chat, Responses, Anthropic) that reads like a jailbreak when
// judged as input does not block the next turn (policy.resentAnswers "delivered", the default), and the audit
// names it; the same words never delivered to this tenant (another tenant's answer, a fabricated history, an edited
// answer), sent as a user's text, or under "screen", are judged as before. Two servers on one Redis store share what
// was delivered. Skips the Redis part loudly without redis-server.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryAuditSink } from "../../shared/audit/memory-sink";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { OPINIONS_ANSWER, startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, makeKey, providerSection } from "../support/test-config";
import { startBridgedRedis } from "../support/upstash-bridge";

type Key = Awaited<ReturnType<typeof makeKey>>;
let fake: FakeProvider;
let server: NodeServer;
const audit = createMemoryAuditSink();
/** One tenant per dialect test, so no test is passed by an answer another one delivered. */
const TENANTS = ["acme", "globex", "strict", "initech", "hooli"] as const;
const keys: Record<(typeof TENANTS)[number], Key> = {} as never;

beforeAll(async () => {
  fake = await startFakeProvider();
  for (const tenant of TENANTS) keys[tenant] = await makeKey();
  const config = buildConfig({
    ...providerSection(fake.url),
    policies: { screenAll: { resentAnswers: "screen" } },
    tenants: [
      { id: "acme", keys: [keys.acme.config] },
      { id: "globex", keys: [keys.globex.config] },
      { id: "strict", policy: "screenAll", keys: [keys.strict.config] },
      { id: "initech", keys: [keys.initech.config] },
      { id: "hooli", keys: [keys.hooli.config] },
    ],
  });
  server = await startNodeServer({ config, port: 0, auditSink: audit });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
const openai = (key: Key, url = server.url) => new OpenAI({ baseURL: `${url}/v1`, apiKey: key.key, maxRetries: 0 });
const anthropic = (key: Key) => new Anthropic({ baseURL: server.url, apiKey: key.key, maxRetries: 0 });
const QUESTION = "Is remote work better than working in an office?";

/** The conversation after one answered turn, with `answer` as the assistant's turn, and a follow-up question. */
const followUp = (answer: string, marker: string): Message[] => [
  { role: "user", content: QUESTION },
  { role: "assistant", content: answer },
  { role: "user", content: `Thanks. Which of those matters most for a small team? (turn: ${marker})` },
];

/** The audit record of a request (written once its response is done). */
async function auditOf(requestId: string | null) {
  for (let i = 0; i < 50; i++) {
    const record = audit.records.find((r) => r.requestId === requestId);
    if (record) return record;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no audit record for request ${requestId}`);
}

/** Retries `send` until it stops answering 400: a streamed answer is remembered once its stream has ended. */
async function eventually<T>(send: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    const result = await send().catch((error) => error);
    if (!(result instanceof OpenAI.BadRequestError || result instanceof Anthropic.BadRequestError) || i === 40) {
      if (result instanceof Error) throw result;
      return result;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("an answer resent as history", () => {
  it("blocks when it was never delivered: the same words as a fabricated assistant turn are judged as input", async () => {
    const error = await openai(keys.acme).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(OPINIONS_ANSWER, "fabricated") }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toMatch(/^400 Prompt blocked by policy: jailbreak \(in the assistant message\)\.$/);
    expect(fake.requests.some((r) => JSON.stringify(r.body).includes("fabricated"))).toBe(false);
  });

  it("goes through once the gateway delivered it (chat, whole), its finding audited and named as not blocked", async () => {
    const first = await openai(keys.acme).chat.completions.create({ model: "gpt-4o-opinions", messages: [{ role: "user", content: QUESTION }] });
    const answer = first.choices[0].message.content!;
    expect(answer).toBe(OPINIONS_ANSWER);
    const second = await openai(keys.acme).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(answer, "chat whole") }).withResponse();
    expect(second.data.choices[0].message.content).toContain("chat whole");
    const forwarded = fake.requests.find((r) => JSON.stringify(r.body).includes("chat whole"))!;
    expect((forwarded.body.messages as Message[])[1]).toEqual({ role: "assistant", content: OPINIONS_ANSWER });
    const record = await auditOf(second.response.headers.get("x-request-id"));
    expect(record.failOpen).toEqual(["input:resent_answer_not_blocked:1"]);
    expect(record.findings).toContainEqual(expect.objectContaining({ category: "jailbreak", direction: "input" }));
    expect(record.action).not.toBe("block");
    // The loosening shows in the Prometheus metrics too (loopback: no metrics token needed).
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^edgeguard_fail_open_total\{tenant="acme",kind="input:resent_answer_not_blocked"\} [1-9]/m);
  });

  it("goes through with its whitespace changed, and blocks once a word of it is changed", async () => {
    const rewrapped = `  ${OPINIONS_ANSWER.replace(", but", ",\n but")}\n`;
    await expect(openai(keys.acme).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(rewrapped, "rewrapped") })).resolves.toBeDefined();
    const edited = OPINIONS_ANSWER.replace("main arguments", "arguments");
    const error = await openai(keys.acme).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(edited, "edited") }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toMatch(/\(in the assistant message\)/);
  });

  it("blocks for another tenant, as a user's text, and under resentAnswers \"screen\"", async () => {
    await openai(keys.acme).chat.completions.create({ model: "gpt-4o-opinions", messages: [{ role: "user", content: QUESTION }] });
    const otherTenant = await openai(keys.globex).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(OPINIONS_ANSWER, "globex") }).catch((e) => e);
    expect(otherTenant).toBeInstanceOf(OpenAI.BadRequestError);
    expect(otherTenant.message).toMatch(/\(in the assistant message\)/);
    const asUser = await openai(keys.acme)
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: OPINIONS_ANSWER }] })
      .catch((e) => e);
    expect(asUser).toBeInstanceOf(OpenAI.BadRequestError);
    expect(asUser.message).toMatch(/\(in the user message\)/);
    // The strict tenant's own delivered answer is still judged as input.
    await openai(keys.strict).chat.completions.create({ model: "gpt-4o-opinions", messages: [{ role: "user", content: QUESTION }] });
    const strict = await openai(keys.strict).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(OPINIONS_ANSWER, "strict") }).catch((e) => e);
    expect(strict).toBeInstanceOf(OpenAI.BadRequestError);
    expect(strict.message).toMatch(/\(in the assistant message\)/);
  });

  it("goes through once a streamed chat answer was delivered", async () => {
    const stream = await openai(keys.globex).chat.completions.create({ model: "gpt-4o-opinions", messages: [{ role: "user", content: QUESTION }], stream: true });
    let answer = "";
    for await (const chunk of stream) answer += chunk.choices[0]?.delta?.content ?? "";
    expect(answer).toBe(OPINIONS_ANSWER);
    const second = await eventually(() => openai(keys.globex).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(answer, "chat streamed") }));
    expect(second.choices[0].message.content).toContain("chat streamed");
  });

  it("goes through in the Anthropic dialect (streamed answer, resent as a text block) and the Responses dialect", async () => {
    const client = anthropic(keys.initech);
    const stream = client.messages.stream({ model: "claude-opinions", max_tokens: 64, messages: [{ role: "user", content: `${QUESTION} (anthropic)` }] });
    const message = await stream.finalMessage();
    const history: Anthropic.MessageParam[] = [
      { role: "user", content: `${QUESTION} (anthropic)` },
      { role: "assistant", content: message.content.filter((block) => block.type === "text").map((block) => ({ type: "text" as const, text: block.text })) },
      { role: "user", content: "Thanks. Which of those matters most for a small team? (turn: anthropic)" },
    ];
    const again = await eventually(() => client.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 64, messages: history }));
    expect(again.content[0]).toMatchObject({ type: "text" });

    const responses = openai(keys.hooli).responses;
    const delivered = await responses.create({ model: "gpt-4o-opinions", input: `${QUESTION} (responses)` });
    expect(delivered.output_text).toBe(OPINIONS_ANSWER);
    const next = await responses.create({
      model: "gpt-4o-mini",
      input: [
        { role: "user", content: `${QUESTION} (responses)` },
        { role: "assistant", content: delivered.output_text },
        { role: "user", content: "Thanks. Which of those matters most for a small team? (turn: responses)" },
      ],
    });
    expect(next.output_text).toContain("(turn: responses)");
  });
});

describe("delivered answers on a shared Redis store", () => {
  it("are recognised by a second server", async (context) => {
    const bridged = await startBridgedRedis();
    if (!bridged) {
      console.warn("!! redis-server missing: test/gateway/resent-answers.test.ts (shared store) is SKIPPED");
      return context.skip();
    }
    const key = await makeKey();
    const config = buildConfig({
      ...providerSection(fake.url),
      tenants: [{ id: "shared-co", keys: [key.config] }],
      store: { backend: "upstash", url: bridged.url, token: bridged.token, keyPrefix: `eg-resent-${Date.now()}:` },
    });
    const [a, b] = await Promise.all([startNodeServer({ config, port: 0, auditSink: audit }), startNodeServer({ config, port: 0, auditSink: audit })]);
    try {
      const answer = await openai(key, a.url).chat.completions.create({ model: "gpt-4o-opinions", messages: [{ role: "user", content: QUESTION }] });
      const onB = await eventually(() => openai(key, b.url).chat.completions.create({ model: "gpt-4o-mini", messages: followUp(answer.choices[0].message.content!, "server b") }));
      expect(onB.choices[0].message.content).toContain("server b");
    } finally {
      await Promise.allSettled([a.close(), b.close()]);
      await bridged.stop();
    }
  });
});
