// Rate limits on the Node server as the official SDKs see them: RateLimitError with the Retry-After value, and
// remaining budgets advertised on successful answers.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, makeKey, providerSection, type TestKey } from "../support/test-config";

let fake: FakeProvider;
let server: NodeServer;
let key: TestKey;
let keyConfig: Awaited<ReturnType<typeof makeKey>>["config"];

beforeAll(async () => {
  fake = await startFakeProvider();
  const made = await makeKey();
  key = made;
  keyConfig = made.config;
  const config = buildConfig({
    ...providerSection(fake.url),
    tenants: [{ id: "small", keys: [keyConfig], limits: { requests: { limit: 2, window: "1 h" } } }],
  });
  server = await startNodeServer({ config, port: 0, auditSink: { write: async () => {} } });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

describe("rate limits through the official SDKs", () => {
  it("surfaces 429 as RateLimitError with retry-after, after advertising the remaining budget", async () => {
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: key.key, maxRetries: 0 });
    const first = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "one" }] }).withResponse();
    expect(first.response.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(first.response.headers.get("ratelimit")).toMatch(/r=1/);
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "two" }] });
    const error = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "three" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number(error.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(error.code).toBe("rate_limit_exceeded");

    const anthropic = new Anthropic({ baseURL: server.url, apiKey: key.key, maxRetries: 0 });
    const refused = await anthropic.messages.create({ model: "claude-haiku", max_tokens: 8, messages: [{ role: "user", content: "four" }] }).catch((e) => e);
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    expect(refused.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });
});
