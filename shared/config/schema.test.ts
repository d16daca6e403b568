// The gateway config's defaults that encode a decision, and its refusals.
import { describe, expect, it } from "vitest";
import { parseGatewayConfig } from "./schema";

const minimal = { providers: { p: { type: "openai", baseUrl: "https://api.example/v1", apiKey: "k" } }, routes: [{ model: "*", provider: "p" }] };

describe("gateway config", () => {
  it("waits as long as a silent reasoning phase may take, and no longer than 10 s to connect", () => {
    const parsed = parseGatewayConfig(minimal);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const provider = parsed.config.providers.p;
    for (const wait of [provider.firstTokenTimeoutMs, provider.streamIdleTimeoutMs, provider.answerTimeoutMs]) expect(wait).toBeGreaterThanOrEqual(600_000);
    expect(provider.connectTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(parsed.config.requestTimeoutMs).toBe(30_000);
  });

  it("refuses a request timeout too short to send a body over a slow link, and unknown fields", () => {
    expect(parseGatewayConfig({ ...minimal, requestTimeoutMs: 10 }).ok).toBe(false);
    expect(parseGatewayConfig({ ...minimal, providers: { p: { ...minimal.providers.p, idleTimeoutMs: 5 } } }).ok).toBe(false);
  });
});
