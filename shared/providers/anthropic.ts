// Anthropic Messages API: `${baseUrl}/v1/messages`, `x-api-key` and `anthropic-version` headers.
import type { ProviderAdapter } from "./types";

export const anthropicAdapter: ProviderAdapter = {
  surfaces: ["messages"],
  buildCall({ body, config }) {
    const base = config.baseUrl.endsWith("/") ? config.baseUrl.slice(0, -1) : config.baseUrl;
    return {
      url: `${base}/v1/messages`,
      headers: {
        "content-type": "application/json",
        "x-api-key": config.apiKey,
        "anthropic-version": config.anthropicVersion ?? "2023-06-01",
      },
      body: JSON.stringify(body),
    };
  },
};
