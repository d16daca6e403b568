// Node: the key matrix against the Node server (tenants from a config file) with the official SDKs, then a scan of
// everything the run printed (console, stdout) and audited for the test keys, their secrets and their hashes.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMemoryAuditSink } from "../../shared/audit/memory-sink";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, makeKey, providerSection } from "../support/test-config";
import { expectNoKeyMaterial, keyCases, keyMaterial, runKeyCase, type KeyCase } from "./key-matrix-cases";

let fake: FakeProvider;
let server: NodeServer;
let cases: KeyCase[];
const audit = createMemoryAuditSink();

beforeAll(async () => {
  fake = await startFakeProvider();
  const past = new Date(Date.now() - 60_000).toISOString();
  const made = {
    valid: await makeKey(),
    expired: await makeKey({ expiresAt: past }),
    revoked: await makeKey({ status: "revoked" }),
    suspended: await makeKey({ status: "suspended" }),
    chatOnly: await makeKey({ scopes: ["chat"] }),
    messagesOnly: await makeKey({ scopes: ["messages"] }),
    narrow: await makeKey({ models: ["gpt-4o-mini", "claude-haiku"], maxTokens: 8 }),
  };
  const config = buildConfig({ ...providerSection(fake.url), tenants: [{ id: "acme", keys: Object.values(made).map((m) => m.config) }] });
  server = await startNodeServer({ config, port: 0, auditSink: audit });
  cases = keyCases({
    valid: made.valid,
    expired: made.expired.key,
    revoked: made.revoked.key,
    suspended: made.suspended.key,
    chatOnly: made.chatOnly.key,
    messagesOnly: made.messagesOnly.key,
    narrow: made.narrow.key,
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

const clients = {
  openai: (key: string) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: key, maxRetries: 0 }),
  anthropic: (key: string) => new Anthropic({ baseURL: server.url, apiKey: key, maxRetries: 0 }),
};

describe("key matrix on Node (config-file tenants)", () => {
  it("gives each kind of key the right status, envelope and SDK error, and leaks no key material", async () => {
    const printed: string[] = [];
    const capture = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
    const spies = [vi.spyOn(console, "log").mockImplementation(capture), vi.spyOn(console, "error").mockImplementation(capture), vi.spyOn(console, "warn").mockImplementation(capture)];
    const stdout = vi.spyOn(process.stdout, "write");
    const bodies: unknown[] = [];
    try {
      for (const keyCase of cases) bodies.push(...(await runKeyCase({ clients, keyCase })));
      await new Promise((resolve) => setTimeout(resolve, 50)); // audit writes run in the background
    } finally {
      printed.push(...stdout.mock.calls.map((call) => String(call[0])));
      stdout.mockRestore();
      for (const spy of spies) spy.mockRestore();
    }
    const material = await keyMaterial(cases);
    expect(audit.records.length).toBeGreaterThanOrEqual(cases.length * 2);
    expectNoKeyMaterial({ haystack: JSON.stringify(audit.records), material, where: "audit records" });
    expectNoKeyMaterial({ haystack: printed.join("\n"), material, where: "console output" });
    expectNoKeyMaterial({ haystack: JSON.stringify(bodies), material, where: "error bodies" });
    // The audit keeps the detailed reason the wire hides.
    const reasons = new Set(audit.records.map((r) => r.reason));
    for (const reason of ["wrong_secret", "unknown_key", "malformed", "expired", "revoked", "suspended", "route_not_allowed", "model_not_allowed"]) {
      expect(reasons, reason).toContain(reason);
    }
  });
});
