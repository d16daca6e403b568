// OpenAI and every OpenAI-compatible server (vLLM, Ollama, Groq, Together…): `${baseUrl}/chat/completions` with a bearer
// key. Azure OpenAI is the same family with a deployment URL, an api-version and an `api-key` header.
import type { ProviderAdapter, Surface } from "./types";

const OPENAI_PATHS: Record<string, string> = {
  chat: "/chat/completions", responses: "/responses", input_tokens: "/responses/input_tokens", embeddings: "/embeddings",
};
const OPENAI_SURFACES: readonly Surface[] = ["chat", "responses", "input_tokens", "embeddings"];
// Azure serves the Responses API outside the deployment paths (`/openai/v1/responses`), so only these two here.
const AZURE_SURFACES: readonly Surface[] = ["chat", "embeddings"];

function trimSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}

export const openAiAdapter: ProviderAdapter = {
  surfaces: OPENAI_SURFACES,
  buildCall({ surface, body, config }) {
    return {
      url: trimSlash(config.baseUrl) + OPENAI_PATHS[surface],
      headers: { "content-type": "application/json", authorization: `Bearer ${config.apiKey}` },
      body: JSON.stringify(body),
    };
  },
};

export const azureOpenAiAdapter: ProviderAdapter = {
  surfaces: AZURE_SURFACES,
  buildCall({ surface, model, body, config }) {
    const deployment = encodeURIComponent(config.deployments?.[model] ?? model);
    const apiVersion = encodeURIComponent(config.apiVersion ?? "2024-10-21");
    // Azure takes the deployment from the URL; the model field is ignored there but harmless.
    return {
      url: `${trimSlash(config.baseUrl)}/openai/deployments/${deployment}${OPENAI_PATHS[surface]}?api-version=${apiVersion}`,
      headers: { "content-type": "application/json", "api-key": config.apiKey },
      body: JSON.stringify(body),
    };
  },
};
