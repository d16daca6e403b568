// Provider adapters are data: each builds its URL and credentials from operator config only, and routing picks
// candidates by glob and surface without knowing provider names.
import { describe, expect, it } from "vitest";
import { gatewayConfigSchema, providersSchema } from "../config/schema";
import { parseValid } from "../validation/validate";
import { anthropicAdapter } from "./anthropic";
import { azureOpenAiAdapter, openAiAdapter } from "./openai-family";
import { createProviderRouter, globToRegExp } from "./registry";

const provider = (extra: object) => parseValid(providersSchema, { p: { type: "openai", apiKey: "sk-op", baseUrl: "https://x/v1/", ...extra } }).p;

describe("adapters", () => {
  it("openai and openai-compatible: base URL + path, bearer key, body unchanged", () => {
    const call = openAiAdapter.buildCall({ surface: "chat", model: "m", body: { model: "m", tools: [{ type: "function" }] }, config: provider({}) });
    expect(call.url).toBe("https://x/v1/chat/completions");
    expect(call.headers.authorization).toBe("Bearer sk-op");
    expect(JSON.parse(call.body)).toEqual({ model: "m", tools: [{ type: "function" }] });
    expect(openAiAdapter.buildCall({ surface: "embeddings", model: "e", body: {}, config: provider({}) }).url).toBe("https://x/v1/embeddings");
    expect(openAiAdapter.buildCall({ surface: "responses", model: "r", body: {}, config: provider({}) }).url).toBe("https://x/v1/responses");
    expect(openAiAdapter.buildCall({ surface: "input_tokens", model: "r", body: {}, config: provider({}) }).url).toBe("https://x/v1/responses/input_tokens");
  });

  it("azure-openai: deployment URL, api-version, api-key header and no bearer", () => {
    const config = provider({ type: "azure-openai", baseUrl: "https://res.openai.azure.com", apiVersion: "2024-10-21", deployments: { "gpt-4o": "prod 4o" } });
    const call = azureOpenAiAdapter.buildCall({ surface: "chat", model: "gpt-4o", body: { model: "gpt-4o" }, config });
    expect(call.url).toBe("https://res.openai.azure.com/openai/deployments/prod%204o/chat/completions?api-version=2024-10-21");
    expect(call.headers["api-key"]).toBe("sk-op");
    expect(call.headers.authorization).toBeUndefined();
    const fallback = azureOpenAiAdapter.buildCall({ surface: "chat", model: "gpt-4o-mini", body: {}, config });
    expect(fallback.url).toContain("/deployments/gpt-4o-mini/");
  });

  it("anthropic: /v1/messages with x-api-key and anthropic-version", () => {
    const call = anthropicAdapter.buildCall({ surface: "messages", model: "claude", body: { model: "claude" }, config: provider({ type: "anthropic", baseUrl: "https://api.anthropic.com" }) });
    expect(call.url).toBe("https://api.anthropic.com/v1/messages");
    expect(call.headers).toMatchObject({ "x-api-key": "sk-op", "anthropic-version": "2023-06-01" });
    const count = anthropicAdapter.buildCall({ surface: "count_tokens", model: "claude", body: { model: "claude" }, config: provider({ type: "anthropic", baseUrl: "https://api.anthropic.com/" }) });
    expect(count.url).toBe("https://api.anthropic.com/v1/messages/count_tokens");
  });
});

describe("routing", () => {
  const router = createProviderRouter(
    parseValid(gatewayConfigSchema, {
      providers: {
        a: { type: "openai", baseUrl: "https://a/v1", apiKey: "k" },
        b: { type: "openai-compatible", baseUrl: "https://b/v1", apiKey: "k" },
        c: { type: "anthropic", baseUrl: "https://c", apiKey: "k" },
      },
      routes: [
        { model: "claude-*", provider: "c" },
        { model: "gpt-4o*", provider: "a", fallbacks: ["b", "c"] },
        { model: "llama-3.1-8b", provider: "b" },
      ],
    }),
  );

  it("first glob match wins; fallbacks follow in order; providers that cannot serve the surface drop out", () => {
    const route = router.route({ model: "gpt-4o-mini", surface: "chat" });
    expect(route.ok && route.candidates.map((c) => c.name)).toEqual(["a", "b"]);
    expect(router.route({ model: "claude-haiku", surface: "chat" })).toEqual({ ok: false, reason: "surface_not_served" });
    const responses = router.route({ model: "gpt-4o", surface: "responses" });
    expect(responses.ok && responses.candidates.map((c) => c.name)).toEqual(["a", "b"]);
    expect(router.route({ model: "mistral", surface: "chat" })).toEqual({ ok: false, reason: "unknown_model" });
    expect(router.listModels()).toEqual(["llama-3.1-8b"]);
  });

  it("globs are anchored and treat regex characters literally", () => {
    expect(globToRegExp("llama-3.1-8b").test("llama-3x1-8b")).toBe(false);
    expect(globToRegExp("gpt-*").test("my-gpt-4")).toBe(false);
    expect(globToRegExp("a?c").test("abc")).toBe(true);
  });
});
