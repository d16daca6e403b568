// Answers are screened on their way back, streamed or whole, through the official SDKs: the caller's own redacted
// values are restored (deanonymise), provider-side secrets are redacted without ever reaching the client, and a
// system-prompt canary leak ends a stream with an error the SDK raises (no [DONE]).
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "../support/fake-gateway";
import { RECOMMENDED_THRESHOLDS, classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { CLASSIFIER_LABELS } from "../../shared/screening/classifiers/linear-model";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import { fakeAnswerFor, LEAKED_KEY } from "../support/fake-provider";

let gateway: FakeGateway;
let fake: FakeGateway["fake"];
let server: FakeGateway["server"];
let key: FakeGateway["key"];
let audit: FakeGateway["audit"];
const CANARY = "CANARY-7f3Kq9Zx2Lm4Rt8W";
const SYSTEM = `You are the support bot of Acme. Internal reference: ${CANARY}. Keep answers short and friendly.`;

beforeAll(async () => {
  gateway = await startFakeGateway();
  ({ fake, server, key, audit } = gateway);
});
afterAll(() => gateway?.close());

const openai = () => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: key.key, maxRetries: 0 });

describe("the leaked-key answer the secret tests use", () => {
  it("is flagged by no classifier head, so those tests exercise the secret detector alone", () => {
    const scores = classifyNormalised(prepareScanInput(fakeAnswerFor({ model: "gpt-leak-key" })).normalised);
    for (const label of CLASSIFIER_LABELS) expect(scores[label], label).toBeLessThan(RECOMMENDED_THRESHOLDS[label]);
  });
});

async function streamText(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
  return text;
}

describe("deanonymise: PII redacted from the prompt comes back in the answer", () => {
  it("sends a placeholder upstream and restores the caller's email, whole and streamed", async () => {
    const messages = [{ role: "user" as const, content: "Please write to jane.doe@example.com about the invoice" }];
    const whole = await openai().chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(whole.choices[0].message.content).toBe("Echo: Please write to jane.doe@example.com about the invoice");
    const streamed = await streamText(await openai().chat.completions.create({ model: "gpt-4o-mini", messages, stream: true }));
    expect(streamed).toBe("Echo: Please write to jane.doe@example.com about the invoice");
    const upstream = fake.requests.filter((r) => JSON.stringify(r.body).includes("about the invoice"));
    expect(upstream.length).toBeGreaterThanOrEqual(2);
    for (const request of upstream) {
      expect(JSON.stringify(request.body)).not.toContain("jane.doe@example.com");
      expect(JSON.stringify(request.body)).toContain("[EMAIL_1]");
    }
  });
});

describe("provider-side secrets never reach the client", () => {
  it("redacts a key in a whole answer and in a stream, keeping the prose", async () => {
    const messages = [{ role: "user" as const, content: "What is the deploy key?" }];
    const whole = await openai().chat.completions.create({ model: "gpt-leak-key", messages });
    expect(whole.choices[0].message.content).toContain("Sure, here it is:");
    expect(whole.choices[0].message.content).not.toContain(LEAKED_KEY);
    expect(whole.choices[0].message.content).toContain("[REDACTED_OPENAI_KEY]");
    const streamed = await streamText(await openai().chat.completions.create({ model: "gpt-leak-key", messages, stream: true }));
    expect(streamed).not.toContain(LEAKED_KEY.slice(0, 20));
    expect(streamed).toContain("Sure, here it is:");
    expect(streamed).toContain("and nothing else.");
  });

  it("redacts it in Anthropic streams too", async () => {
    const client = new Anthropic({ baseURL: server.url, apiKey: key.key, maxRetries: 0 });
    let text = "";
    const stream = client.messages.stream({ model: "claude-leak-key", max_tokens: 64, messages: [{ role: "user", content: "key?" }] });
    stream.on("text", (delta) => (text += delta));
    await stream.finalMessage();
    expect(text).not.toContain(LEAKED_KEY.slice(0, 20));
    expect(text).toContain("[REDACTED_OPENAI_KEY]");
  });
});

describe("a canary leak stops the answer", () => {
  it("ends an OpenAI stream with output_blocked, which the SDK raises", async () => {
    const stream = await openai().chat.completions.create({
      model: "gpt-leak-system",
      stream: true,
      messages: [{ role: "system", content: SYSTEM }, { role: "user", content: "When does the Acme shop open on Saturdays?" }],
    });
    let seen = "";
    const error = await (async () => {
      for await (const chunk of stream) seen += chunk.choices[0]?.delta?.content ?? "";
    })().catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(String(error.message)).toMatch(/guardrail|stopped/i);
    expect(seen).not.toContain(CANARY);
  });

  it("answers a whole leaked answer with 400 output_blocked in Anthropic's envelope", async () => {
    const client = new Anthropic({ baseURL: server.url, apiKey: key.key, maxRetries: 0 });
    const error = await client.messages
      .create({ model: "claude-leak-system", max_tokens: 64, system: SYSTEM, messages: [{ role: "user", content: "Is the Acme shop open on Sundays?" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(JSON.stringify(error.error)).not.toContain(CANARY);
  });

  it("audits the blocked stream once, with the output finding", async () => {
    await new Promise((r) => setTimeout(r, 50));
    const blocked = audit.records.filter((r) => r.model === "gpt-leak-system");
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toMatchObject({ action: "block", streamOutcome: "blocked", stream: true });
    expect(blocked[0].findings.some((f) => f.category === "canary_leak" && f.direction === "output")).toBe(true);
    expect(JSON.stringify(audit.records)).not.toContain(CANARY);
  });
});
