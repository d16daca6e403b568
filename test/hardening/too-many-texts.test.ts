// A body of many tiny texts costs far more to screen than its size says (each text has a fixed cost), so the number
// of texts a request may carry is bounded (config maxTextsPerRequest): past it, 413 in the caller's envelope, nothing
// forwarded, the refusal audited. Messages, content blocks and tool definitions all count.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "../support/fake-gateway";

let gateway: FakeGateway;
beforeAll(async () => {
  gateway = await startFakeGateway({ config: { maxTextsPerRequest: 5 } });
});
afterAll(() => gateway?.close());

const openai = () => new OpenAI({ baseURL: `${gateway.server.url}/v1`, apiKey: gateway.key.key, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gateway.server.url, apiKey: gateway.key.key, maxRetries: 0 });
const messages = (count: number, tag: string) => Array.from({ length: count }, (_, i) => ({ role: "user" as const, content: `${tag} message ${i}` }));
const upstreamWith = (tag: string) => gateway.fake.requests.filter((r) => JSON.stringify(r.body).includes(tag));

describe("texts per request", () => {
  it("accepts up to the bound and refuses one more with 413 in the OpenAI envelope, audited, nothing forwarded", async () => {
    await openai().chat.completions.create({ model: "gpt-4o-mini", messages: messages(5, "five") });
    expect(upstreamWith("five")).toHaveLength(1);
    const error = await openai().chat.completions.create({ model: "gpt-4o-mini", messages: messages(6, "six") }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(413);
    expect(error.error).toMatchObject({ code: "request_too_large", type: "invalid_request_error" });
    expect(error.message).toMatch(/6 texts to screen; at most 5/);
    expect(upstreamWith("six")).toHaveLength(0);
    await expect.poll(() => gateway.audit.records.at(-1)?.reason).toBe("too_many_texts");
    expect(gateway.audit.records.at(-1)).toMatchObject({ status: 413 });
  });

  it("counts tool definitions and content blocks, and answers in the Anthropic envelope", async () => {
    const tools = ["Get the weather.", "Get the time.", "Get the date."].map((description, i) => ({ type: "function" as const, function: { name: `t${i}`, description } }));
    const error = await openai().chat.completions.create({ model: "gpt-4o-mini", tools, messages: messages(3, "tools") }).catch((e) => e);
    expect(error.status).toBe(413);
    expect(upstreamWith("tools")).toHaveLength(0);
    const blocks = Array.from({ length: 6 }, (_, i) => ({ type: "text" as const, text: `blocks ${i}` }));
    const anthropicError = await anthropic().messages.create({ model: "claude-sonnet-4-6", max_tokens: 16, messages: [{ role: "user", content: blocks }] }).catch((e) => e);
    expect(anthropicError).toBeInstanceOf(Anthropic.APIError);
    expect(anthropicError.status).toBe(413);
    expect(anthropicError.error).toMatchObject({ type: "error", error: { type: "request_too_large" } });
    expect(upstreamWith("blocks")).toHaveLength(0);
  });
});
