// Anthropic Messages API: `${baseUrl}/v1/messages` (and its token count), `x-api-key` and `anthropic-version` headers.
import type { ProviderAdapter } from "./types";

const ANTHROPIC_PATHS: Record<string, string> = { messages: "/v1/messages", count_tokens: "/v1/messages/count_tokens" };

export const anthropicAdapter: ProviderAdapter = {
  surfaces: ["messages", "count_tokens"],
  buildCall({ surface, body, config }) {
    const base = config.baseUrl.endsWith("/") ? config.baseUrl.slice(0, -1) : config.baseUrl;
    return {
      url: `${base}${ANTHROPIC_PATHS[surface]}`,
      headers: {
        "content-type": "application/json",
        "x-api-key": config.apiKey,
        "anthropic-version": config.anthropicVersion ?? "2023-06-01",
      },
      body: JSON.stringify(body),
    };
  },
};
