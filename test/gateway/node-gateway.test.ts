// The Node server end to end with the official OpenAI and Anthropic SDKs as clients (only baseURL and key changed)
// against the fake provider: content, streaming, credentials, retry/fallback, mid-stream failure, error envelopes.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "../support/fake-gateway";
import { FAKE_PROVIDER_KEY, fakeAnswerFor } from "../support/fake-provider";

let gateway: FakeGateway;
let fake: FakeGateway["fake"];
let server: FakeGateway["server"];
let key: FakeGateway["key"];
let audit: FakeGateway["audit"];

beforeAll(async () => {
  gateway = await startFakeGateway({ config: { bodyLimitBytes: 64 * 1024 } });
  ({ fake, server, key, audit } = gateway);
});
afterAll(() => gateway?.close());

const openai = () => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: key.key, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: server.url, apiKey: key.key, maxRetries: 0 });

describe("OpenAI SDK through the gateway", () => {
  it("completes a non-streamed call with byte-identical content", async () => {
    const messages = [{ role: "user" as const, content: "Say hello in French ✨ 你好" }];
    const completion = await openai().chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(completion.choices[0].message.content).toBe(fakeAnswerFor({ messages }));
  });

  it("completes a streamed call with byte-identical content", async () => {
    const messages = [{ role: "user" as const, content: "Stream me a sentence, please." }];
    const stream = await openai().chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe(fakeAnswerFor({ messages }));
  });

  it("raises AuthenticationError for a wrong key", async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: `eg_${key.keyId}_${"x".repeat(40)}`, maxRetries: 0 });
    await expect(client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("raises NotFoundError for an unknown model", async () => {
    const error = await openai().chat.completions.create({ model: "llama-unknown", messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.code).toBe("model_not_found");
  });

  it("raises BadRequestError for a schema violation", async () => {
    const error = await openai().chat.completions.create({ model: "gpt-4o-mini", messages: [] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe("messages");
  });

  it("gives a mid-stream provider failure as an SSE error the SDK raises", async () => {
    const stream = await openai().chat.completions.create({ model: "gpt-4o-drop", messages: [{ role: "user", content: "a long answer please" }], stream: true });
    const read = async () => {
      for await (const _ of stream) void _;
    };
    await expect(read()).rejects.toThrow(/upstream stream ended before the answer was complete/);
  });
});

describe("Anthropic SDK through the gateway", () => {
  it("completes non-streamed and streamed calls with identical content", async () => {
    const messages = [{ role: "user" as const, content: "Bonjour Claude" }];
    const message = await anthropic().messages.create({ model: "claude-sonnet-4", max_tokens: 64, messages });
    expect(message.content[0].type === "text" && message.content[0].text).toBe(fakeAnswerFor({ messages }));
    const stream = anthropic().messages.stream({ model: "claude-sonnet-4", max_tokens: 64, messages });
    let text = "";
    stream.on("text", (delta) => (text += delta));
    await stream.finalMessage();
    expect(text).toBe(fakeAnswerFor({ messages }));
  });

  it("raises AuthenticationError in Anthropic's envelope", async () => {
    const client = new Anthropic({ baseURL: server.url, apiKey: "not-a-key", maxRetries: 0 });
    const error = await client.messages.create({ model: "claude-sonnet-4", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.error).toEqual({ type: "error", error: { type: "authentication_error", message: "Invalid API key." } });
  });
});

describe("credentials and forwarding", () => {
  it("never forwards the caller's key and injects the provider key", async () => {
    const marker = `marker-${Date.now()}`;
    await openai().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: marker }] });
    await anthropic().messages.create({ model: "claude-sonnet-4", max_tokens: 8, messages: [{ role: "user", content: marker }] });
    const seen = fake.requests.filter((r) => JSON.stringify(r.body).includes(marker));
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      const headers = JSON.stringify(request.headers);
      expect(headers).not.toContain(key.key);
      expect(headers).not.toContain(key.keyId);
      expect(headers).toContain(FAKE_PROVIDER_KEY);
    }
  });

  it("relays a stream without buffering: the first chunk arrives before the provider has finished", async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-slow-stream", stream: true, messages: [{ role: "user", content: "tell me something" }] }),
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    const firstAt = performance.now() - started;
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    const endAt = performance.now() - started;
    expect(new TextDecoder().decode(first.value)).toContain("chat.completion.chunk");
    expect(rest).toContain("[DONE]");
    // The fake spaces its 8 events 150 ms apart: an unbuffered relay shows the first long before the end.
    expect(endAt - firstAt).toBeGreaterThan(600);
  });

  it("retries a transient 500, then succeeds", async () => {
    const id = `r${Date.now()}`;
    const completion = await openai().chat.completions.create({ model: `gpt-flaky-${id}`, messages: [{ role: "user", content: "retry" }] });
    expect(completion.choices[0].message.content).toBe("Echo: retry");
    const attempts = fake.requests.filter((r) => r.body.model === `gpt-flaky-${id}`);
    expect(attempts).toHaveLength(2);
  });

  it("falls back to the next provider when the first keeps failing", async () => {
    const completion = await openai().chat.completions.create({ model: "gpt-4o-down", messages: [{ role: "user", content: "fallback" }] });
    expect(completion.choices[0].message.content).toBe("Echo: fallback");
    const paths = fake.requests.filter((r) => r.body.model === "gpt-4o-down").map((r) => r.path);
    expect(paths).toEqual(["/v1/chat/completions", "/v1/chat/completions", "/backup/v1/chat/completions"]);
  });

  it("answers 413 in the OpenAI envelope for an oversized body", async () => {
    const error = await openai().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(70 * 1024) }] }).catch((e) => e);
    expect(error.status).toBe(413);
    expect(error.error).toMatchObject({ code: "request_too_large", type: "invalid_request_error" });
  });

  it("answers 400 for malformed JSON and invalid UTF-8, in each dialect", async () => {
    const post = (path: string, body: BodyInit) =>
      fetch(`${server.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" }, body });
    const badJson = await post("/v1/chat/completions", "{not json");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: "invalid_json", param: null } });
    const badUtf8 = await post("/v1/messages", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(badUtf8.status).toBe(400);
    expect(await badUtf8.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });

  it("writes exactly one audit record per request, without the key", async () => {
    const before = audit.records.length;
    await openai().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "audit me" }] });
    await new Promise((r) => setTimeout(r, 50));
    const added = audit.records.slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ status: 200, tenantId: "acme", keyId: key.keyId, model: "gpt-4o-mini", provider: "openai" });
    expect(JSON.stringify(audit.records)).not.toContain(key.key);
  });
});
