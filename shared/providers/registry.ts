// Provider types → adapters, and model routing: the first route whose glob matches the model wins; its provider then
// its fallbacks, in order, are the candidates. Routing is data: no provider is special-cased here.
import type { GatewayConfig } from "../config/schema";
import { anthropicAdapter } from "./anthropic";
import { mockAdapter } from "./mock";
import { azureOpenAiAdapter, openAiAdapter } from "./openai-family";
import type { ProviderAdapter, ResolvedProvider, Surface } from "./types";

const ADAPTERS: Record<GatewayConfig["providers"][string]["type"], ProviderAdapter> = {
  openai: openAiAdapter,
  "openai-compatible": openAiAdapter,
  "azure-openai": azureOpenAiAdapter,
  anthropic: anthropicAdapter,
  mock: mockAdapter,
};

/** Compiles a model glob (`*` any run, `?` one character) into an anchored, backtracking-safe RegExp. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*+/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

export function matchesAnyGlob(value: string, globs: readonly string[]): boolean {
  return globs.some((glob) => globToRegExp(glob).test(value));
}

export type RouteResult =
  | { ok: true; candidates: ResolvedProvider[] }
  | { ok: false; reason: "unknown_model" | "surface_not_served" };

export interface ProviderRouter {
  route(options: { model: string; surface: Surface }): RouteResult;
  /** Model names a caller can ask for: exact route models plus models providers list. */
  listModels(): string[];
}

export function createProviderRouter(config: Pick<GatewayConfig, "providers" | "routes">): ProviderRouter {
  const routes = config.routes.map((route) => ({ ...route, pattern: globToRegExp(route.model) }));
  const resolve = (name: string): ResolvedProvider => {
    const providerConfig = config.providers[name];
    return { name, config: providerConfig, adapter: ADAPTERS[providerConfig.type] };
  };
  return {
    route({ model, surface }) {
      const route = routes.find((candidate) => candidate.pattern.test(model));
      if (!route) return { ok: false, reason: "unknown_model" };
      const candidates = [route.provider, ...route.fallbacks].map(resolve).filter((p) => p.adapter.surfaces.includes(surface));
      return candidates.length ? { ok: true, candidates } : { ok: false, reason: "surface_not_served" };
    },
    listModels() {
      const names = new Set<string>();
      for (const route of config.routes) if (!/[*?]/.test(route.model)) names.add(route.model);
      for (const provider of Object.values(config.providers)) for (const model of provider.models ?? []) names.add(model);
      return [...names].sort();
    },
  };
}
