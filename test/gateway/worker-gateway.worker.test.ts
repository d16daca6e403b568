// The whole Worker in workerd (SELF.fetch), tenants in KV, the fake provider on loopback; the official SDKs use
// SELF.fetch as their fetch, so they run against exactly what `wrangler deploy` ships.
import Anthropic from "@anthropic-ai/sdk";
import { env, SELF } from "cloudflare:test";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { fakeAnswerFor } from "../support/fake-provider";
import { seedTenantKey } from "../support/seed-kv";

let key: string;
const viaWorker = ((input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input as string, init)) as typeof fetch;

beforeAll(async () => {
  ({ key } = await seedTenantKey({ kv: env.EDGEGUARD_KV, tenant: { id: "acme" } }));
});

const openai = () => new OpenAI({ baseURL: "http://gateway.test/v1", apiKey: key, maxRetries: 0, fetch: viaWorker });
/** POST /v1/chat/completions through the Worker with the tenant's key; `duplex` lets the body be a stream. */
const postChat = (body: BodyInit) =>
  SELF.fetch("http://gateway.test/v1/chat/completions", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);

const anthropic = () => new Anthropic({ baseURL: "http://gateway.test", apiKey: key, maxRetries: 0, fetch: viaWorker });

describe("the Worker in workerd", () => {
  it("serves OpenAI chat, streamed and not, with identical content", async () => {
    const messages = [{ role: "user" as const, content: "Hello from workerd ✨" }];
    const completion = await openai().chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(completion.choices[0].message.content).toBe(fakeAnswerFor({ messages }));
    const stream = await openai().chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe(fakeAnswerFor({ messages }));
  });

  it("delivers a benign answer streamed in token deltas whole, its windows scored as fragments", async () => {
    // One of this answer's stream windows, scored as a whole text, crosses the toxicity threshold
    // (test/gateway/streamed-answer-windows.test.ts checks that on Node).
    const content =
      "If you are struggling with the assignment, ask your teacher for help after class. Most teachers are glad to explain " +
      "a hard problem again, and a study group can help you keep up with the reading.";
    const stream = await openai().chat.completions.create({ model: "gpt-4o-mini-tokens", messages: [{ role: "user", content }], stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe(`Echo: ${content}`);
  });

  it("names the screening verdict in headers: an e-mail redacted, a clean prompt allowed", async () => {
    const redacted = await postChat(JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Write to ann@northwind.io today" }] }));
    await redacted.text();
    expect([redacted.headers.get("x-edgeguard-action"), redacted.headers.get("x-edgeguard-categories")]).toEqual(["redact", "pii"]);
    const clean = await postChat(JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello there" }] }));
    await clean.text();
    expect([clean.headers.get("x-edgeguard-action"), clean.headers.get("x-edgeguard-categories")]).toEqual(["allow", null]);
  });

  it("serves OpenAI responses, streamed and not, with identical content", async () => {
    const input = "What is the capital of France? Answer from workerd ✨";
    const response = await openai().responses.create({ model: "gpt-4o-mini", input });
    expect(response.output_text).toBe(fakeAnswerFor({ input }));
    const stream = openai().responses.stream({ model: "gpt-4o-mini", input });
    let text = "";
    stream.on("response.output_text.delta", (event) => (text += event.delta));
    const final = await stream.finalResponse();
    expect(text).toBe(fakeAnswerFor({ input }));
    expect(final.output_text).toBe(text);
    // A background answer would be fetched later by id, past output screening: refused before the provider.
    const background = await openai().responses.create({ model: "gpt-4o-mini", input, background: true }).catch((e) => e);
    expect(background).toBeInstanceOf(OpenAI.BadRequestError);
    expect(background.error).toMatchObject({ code: "invalid_request", param: "background" });
  });

  it("binds stored-response ids to the tenant (Web Crypto HMAC) and takes them back as previous_response_id", async () => {
    const bound = /^(resp|msg)_edgeguard\.eg1[A-Za-z0-9_-]{22}$/;
    const first = await openai().responses.create({ model: "gpt-4o-mini", input: "Remember 7." });
    expect(first.id).toMatch(bound);
    const final = await openai().responses.stream({ model: "gpt-4o-mini", input: "Which number?", previous_response_id: first.id }).finalResponse();
    expect(final.id).toBe(first.id); // the fake provider's one id, bound the same way for the same tenant
    expect(final.output[0].id).toMatch(bound);
    const raw = await openai().responses.create({ model: "gpt-4o-mini", input: "x", previous_response_id: "resp_edgeguard" }).catch((e) => e);
    expect(raw).toBeInstanceOf(OpenAI.BadRequestError);
    expect(raw.error).toMatchObject({ code: "invalid_request", param: "previous_response_id" });
  });

  it("serves Anthropic messages, streamed and not, and their token count", async () => {
    const messages = [{ role: "user" as const, content: "Hi Claude in workerd" }];
    const message = await anthropic().messages.create({ model: "claude-haiku", max_tokens: 32, messages });
    expect(message.content[0].type === "text" && message.content[0].text).toBe(fakeAnswerFor({ messages }));
    let text = "";
    const stream = anthropic().messages.stream({ model: "claude-haiku", max_tokens: 32, messages });
    stream.on("text", (delta) => (text += delta));
    await stream.finalMessage();
    expect(text).toBe(fakeAnswerFor({ messages }));
    const counted = await anthropic().messages.countTokens({ model: "claude-haiku", messages });
    expect(counted.input_tokens).toBe(Math.ceil(JSON.stringify(["", messages]).length / 4));
  });

  it("refuses unknown keys with 401 and unknown models with 404 in each dialect", async () => {
    const bad = new OpenAI({ baseURL: "http://gateway.test/v1", apiKey: `eg_nobody_${"a".repeat(40)}`, maxRetries: 0, fetch: viaWorker });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const error = await anthropic().messages.create({ model: "mystery-model", max_tokens: 5, messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it("answers 413 for a body of more texts than the config allows (500 here), whatever its size", async () => {
    const messages = (count: number) => Array.from({ length: count }, (_, i) => ({ role: "user", content: `m${i}` }));
    const refused = await postChat(JSON.stringify({ model: "gpt-4o-mini", messages: messages(501) }));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: { code: "request_too_large", message: expect.stringMatching(/501 texts/) } });
    expect((await postChat(JSON.stringify({ model: "gpt-4o-mini", messages: messages(500) }))).status).toBe(200);
  });

  it("answers 413 for a body over the limit and 400 for malformed JSON", async () => {
    const oversized = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "y".repeat(80 * 1024) }] });
    expect((await postChat(oversized)).status).toBe(413);
    // Without a declared length (a streamed body) it is counted as it arrives. workerd then logs "Network connection
    // lost" for the rest of the test's body stream, which nobody reads (the same before the body-limit rewrite).
    const bytes = new TextEncoder().encode(oversized);
    const streamed = await postChat(new ReadableStream({ start: (c) => (c.enqueue(bytes.slice(0, 40_000)), c.enqueue(bytes.slice(40_000)), c.close()) }));
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: "request_too_large" } });
    const malformed = await SELF.fetch("http://gateway.test/v1/messages", {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });

  it("ends a stream the provider drops with an SSE error event and no [DONE]", async () => {
    const response = await postChat(JSON.stringify({ model: "gpt-4o-drop", stream: true, messages: [{ role: "user", content: "go" }] }));
    const text = await response.text();
    expect(text).toContain('"code":"upstream_error"');
    expect(text).not.toContain("[DONE]");
  });

  it("ends a stream the provider leaves silent with an SSE error event once streamIdleTimeoutMs (1 s here) passes", async () => {
    const started = Date.now();
    const response = await postChat(JSON.stringify({ model: "gpt-4o-stall", stream: true, messages: [{ role: "user", content: "then silence" }] }));
    const text = await response.text();
    expect(text).toContain('"role":"assistant"');
    expect(text).toContain('"code":"upstream_error"');
    expect(text).not.toContain("[DONE]");
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("never follows a provider's redirect (workerd's fetch would by default): 502, nothing sent to the target", async () => {
    for (const stream of [false, true]) {
      const response = await postChat(JSON.stringify({ model: "gpt-4o-redirect", stream, messages: [{ role: "user", content: "where does this go?" }] }));
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: { code: "upstream_error" } });
    }
    const fakeUrl = (JSON.parse(env.GATEWAY_CONFIG!) as { providers: { openai: { baseUrl: string } } }).providers.openai.baseUrl.replace(/\/v1$/, "");
    const logged = (await (await fetch(`${fakeUrl}/__requests`)).json()) as Array<{ path: string; body: { model?: string } }>;
    expect(logged.filter((r) => r.body.model === "gpt-4o-redirect").map((r) => r.path)).toEqual(["/v1/chat/completions", "/v1/chat/completions"]);
  });
});
