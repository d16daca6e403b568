// Builds gateway configs for tests: a tenant with a fresh key per scope set, routes to the fake provider, and a
// fallback route. Keys are generated, so no test key is ever committed or reused across runs.
import { generateApiKey, sha256Hex } from "../../shared/auth/api-key";
import { gatewayConfigSchema, type GatewayConfig, type GatewayConfigInput, type KeyConfig } from "../../shared/config/schema";
import { parseValid } from "../../shared/validation/validate";
import { FAKE_PROVIDER_KEY } from "./fake-provider";

export interface TestKey {
  key: string;
  keyId: string;
}

export async function makeKey(options: Partial<Omit<KeyConfig, "sha256">> = {}): Promise<TestKey & { config: KeyConfig }> {
  const { key, keyId } = generateApiKey({ keyId: options.id });
  return { key, keyId, config: { status: "active", ...options, id: keyId, sha256: await sha256Hex(key) } as KeyConfig };
}

/** Providers and routes pointing at the fake provider (`fakeUrl`), in the DESIGN config shape. */
export function providerSection(fakeUrl: string): Pick<GatewayConfigInput, "providers" | "routes"> {
  return {
    providers: {
      openai: { type: "openai", baseUrl: `${fakeUrl}/v1`, apiKey: FAKE_PROVIDER_KEY, maxRetries: 1, connectTimeoutMs: 1_000, firstTokenTimeoutMs: 1_000, streamIdleTimeoutMs: 1_000 },
      backup: { type: "openai-compatible", baseUrl: `${fakeUrl}/backup/v1`, apiKey: FAKE_PROVIDER_KEY, maxRetries: 0 },
      anthropic: { type: "anthropic", baseUrl: fakeUrl, apiKey: FAKE_PROVIDER_KEY, maxRetries: 1 },
    },
    routes: [
      { model: "claude-*", provider: "anthropic" },
      // "-down" models always fail on `openai`; the backup is asked next and answers.
      { model: "gpt-*-down", provider: "openai", fallbacks: ["backup"] },
      { model: "gpt-*", provider: "openai" },
      { model: "text-embedding-*", provider: "openai" },
    ],
  };
}

export function buildConfig(input: GatewayConfigInput): GatewayConfig {
  return parseValid(gatewayConfigSchema, input);
}
