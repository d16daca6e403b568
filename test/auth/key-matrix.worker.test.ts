// workerd: the same key matrix against the whole Worker (SELF.fetch, tenants in KV), official SDKs with
// `fetch: SELF.fetch`. The test captures the audit records the Worker sends (Queue or console) and everything it
// prints, and scans it all for the keys, their secrets and their hashes.
import Anthropic from "@anthropic-ai/sdk";
import { env, SELF } from "cloudflare:test";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { seedTenantKey } from "../support/seed-kv";
import { captureWorkerOutput } from "./capture-worker-output";
import { expectNoKeyMaterial, keyCases, keyMaterial, runKeyCase, type KeyCase } from "./key-matrix-cases";

const viaWorker = ((input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input as string, init)) as typeof fetch;
const kv = (env as unknown as { EDGEGUARD_KV: KVNamespace }).EDGEGUARD_KV;
let cases: KeyCase[];

beforeAll(async () => {
  const tenant = { id: "matrix-tenant" };
  const seed = (key: Parameters<typeof seedTenantKey>[0]["key"] = {}) => seedTenantKey({ kv, tenant, key });
  const valid = await seed();
  cases = keyCases({
    valid,
    expired: (await seed({ expiresAt: new Date(Date.now() - 60_000).toISOString() })).key,
    revoked: (await seed({ status: "revoked" })).key,
    suspended: (await seed({ status: "suspended" })).key,
    chatOnly: (await seed({ scopes: ["chat"] })).key,
    messagesOnly: (await seed({ scopes: ["messages"] })).key,
    narrow: (await seed({ models: ["gpt-4o-mini", "claude-haiku"], maxTokens: 8 })).key,
  });
});

const clients = {
  openai: (key: string) => new OpenAI({ baseURL: "http://gateway.test/v1", apiKey: key, maxRetries: 0, fetch: viaWorker }),
  anthropic: (key: string) => new Anthropic({ baseURL: "http://gateway.test", apiKey: key, maxRetries: 0, fetch: viaWorker }),
};

describe("key matrix in workerd (KV tenants)", () => {
  it("gives each kind of key the right status, envelope and SDK error, and leaks no key material", async () => {
    const output = captureWorkerOutput();
    const bodies: unknown[] = [];
    try {
      for (const keyCase of cases) bodies.push(...(await runKeyCase({ clients, keyCase })));
      await new Promise((resolve) => setTimeout(resolve, 100)); // audit records are sent in waitUntil
    } finally {
      output.restore();
    }
    const material = await keyMaterial(cases);
    const records = output.auditRecords();
    // The capture must really see the Worker's audit output, or the scan below would prove nothing.
    expect(records.length).toBeGreaterThanOrEqual(cases.length * 2);
    expectNoKeyMaterial({ haystack: JSON.stringify(records), material, where: "audit records" });
    expectNoKeyMaterial({ haystack: output.printed.join("\n"), material, where: "console output" });
    expectNoKeyMaterial({ haystack: JSON.stringify(bodies), material, where: "error bodies" });
    const reasons = new Set(records.map((record) => record.reason));
    for (const reason of ["wrong_secret", "unknown_key", "malformed", "expired", "revoked", "suspended", "route_not_allowed", "model_not_allowed"]) {
      expect(reasons, reason).toContain(reason);
    }
  });
});
