// The provider adapter contract: a provider is data (where to send, which headers) plus typed request transforms.
// Generic forwarding code only ever talks to this interface; it never asks which provider it is.
import type { ProviderConfig } from "../config/schema";

/**
 * The API surfaces edgeguard serves: OpenAI chat completions, responses and their input token count, Anthropic
 * messages and their token count, OpenAI embeddings.
 */
export type Surface = "chat" | "responses" | "input_tokens" | "messages" | "count_tokens" | "embeddings";

export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProviderAdapter {
  /** Surfaces this provider speaks natively; a route to it only serves these. */
  readonly surfaces: readonly Surface[];
  buildCall(options: { surface: Surface; model: string; body: Record<string, unknown>; config: ProviderConfig }): UpstreamCall;
  /** Replaces the network (the deterministic mock); absent → the runtime's fetch. */
  readonly fetch?: typeof fetch;
}

/** A provider ready to call: its configured name, settings and adapter. */
export interface ResolvedProvider {
  name: string;
  config: ProviderConfig;
  adapter: ProviderAdapter;
}
