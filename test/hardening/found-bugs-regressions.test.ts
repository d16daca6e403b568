// Regression tests for the gateway bugs the hardening suite found (deep nesting → 500, a 413 in the wrong envelope,
// an unreadable answer relayed unscreened, "." / ".." model names escaping Azure's deployment path), each written as
// the behaviour the contract asks for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_PROVIDER_KEY } from "../support/fake-provider";
import { BODY_LIMIT_BYTES, envelopeProblem, startHardeningGateway, stillServing, tryJson, type HardeningGateway } from "./hardening-gateway";
import { rawRequest } from "./raw-http";

let gateway: HardeningGateway;

beforeAll(async () => {
  gateway = await startHardeningGateway({
    configure: (base) => ({
      ...base,
      providers: { ...base.providers, azure: { type: "azure-openai", baseUrl: base.providers.backup.baseUrl.replace(/\/backup\/v1$/, ""), apiKey: FAKE_PROVIDER_KEY, maxRetries: 0 } },
      routes: [...base.routes, { model: "*", provider: "azure" }],
    }),
  });
});
afterAll(async () => {
  await gateway?.close();
});

async function post(path: string, body: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${gateway.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${gateway.key}`, "content-type": "application/json" }, body });
  const text = await response.text();
  return { status: response.status, body: tryJson(text), text };
}

describe("deep nesting in a pass-through field", () => {
  it("answers 400, not 500, to 10,000 nested arrays in metadata (chat) or a content part (messages)", async () => {
    const nested = "[".repeat(10_000) + "]".repeat(10_000);
    const chat = await post("/v1/chat/completions", `{"model":"gpt-4o-mini","metadata":${nested},"messages":[{"role":"user","content":"hi"}]}`);
    expect(chat.status).toBe(400);
    const messages = await post("/v1/messages", `{"model":"claude-sonnet-4","max_tokens":8,"messages":[{"role":"user","content":[{"type":"text","text":"hi","x":${nested}}]}]}`);
    expect(messages.status).toBe(400);
    expect(await stillServing(gateway)).toBe(true);
  });
});

describe("413 on /v1/messages", () => {
  it("answers an oversized body in Anthropic's envelope", async () => {
    const big = JSON.stringify({ model: "claude-sonnet-4", max_tokens: 8, messages: [{ role: "user", content: "x".repeat(BODY_LIMIT_BYTES + 1) }] });
    const answer = await post("/v1/messages", big);
    expect(answer.status).toBe(413);
    expect(envelopeProblem({ dialect: "anthropic", body: answer.body })).toBeNull();
  });

  it("answers a chunked one (no declared length: counted as it arrives) the same way, and closes the connection", async () => {
    const big = JSON.stringify({ model: "claude-sonnet-4", max_tokens: 8, messages: [{ role: "user", content: "x".repeat(BODY_LIMIT_BYTES + 1) }] });
    const answer = await rawRequest({ port: gateway.port, method: "POST", path: "/v1/messages", headers: [["x-api-key", gateway.key], ["content-type", "application/json"]], body: big, chunked: true });
    expect(answer.status).toBe(413);
    expect(envelopeProblem({ dialect: "anthropic", body: tryJson(answer.body) })).toBeNull();
    expect(answer.headers).toContainEqual({ name: "connection", value: "close" });
    expect(await stillServing(gateway)).toBe(true);
  });
});

describe("a provider's non-JSON 200 answer (non-streamed)", () => {
  it("answers 502 upstream_error instead of relaying the garbage unscreened", async () => {
    const answer = await post("/v1/chat/completions", JSON.stringify({ model: "gpt-x-garbage", messages: [{ role: "user", content: "hi" }] }));
    expect(answer.text).not.toContain("<html>");
    expect(answer.status).toBe(502);
    expect(envelopeProblem({ dialect: "openai", body: answer.body })).toBeNull();
  });
});

describe("Azure deployment path", () => {
  it("refuses the models '.' and '..', or keeps them inside /openai/deployments/", async () => {
    for (const model of ["..", "."]) {
      const marker = `azure dot check ${model.length} end`;
      const answer = await post("/v1/chat/completions", JSON.stringify({ model, messages: [{ role: "user", content: marker }] }));
      const seen = gateway.fake.requests.filter((r) => JSON.stringify(r.body).includes(marker));
      if (answer.status >= 400) expect(seen).toEqual([]);
      else for (const request of seen) expect(request.path).toMatch(/^\/openai\/deployments\/[^/?]+\/chat\/completions\?/);
      expect(seen.length + (answer.status >= 400 ? 1 : 0)).toBeGreaterThan(0);
    }
  });
});
