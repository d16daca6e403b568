// The gateway under attack in the hardening suite: a fresh fake provider, the Node server on a config built from
// test-config.ts, and an audit sink that counts records per request id. Also the envelope check every hardening test
// applies: an error answer must be JSON in the route's own API shape (OpenAI or Anthropic), never a 5xx from input.
import { type AuditRecord, type AuditSink } from "../../shared/audit/record";
import type { GatewayConfigInput } from "../../shared/config/schema";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, makeKey, providerSection } from "../support/test-config";

export { dialectFor, envelopeProblem, tryJson, type Dialect } from "./envelopes";

/** Counts audit records per request id; keeps the last few whole records only, so long runs do not grow the heap. */
export interface CountingAuditSink extends AuditSink {
  total: number;
  countFor(requestId: string): number;
  /** Record ids seen more than once (must stay empty). */
  duplicates: string[];
  recent: AuditRecord[];
  /** Resolves once `total` reaches `count`, or rejects after `timeoutMs`. */
  waitForTotal(options: { count: number; timeoutMs?: number }): Promise<void>;
}

export function createCountingAuditSink(options: { keepRecent?: number; keepIds?: boolean } = {}): CountingAuditSink {
  const keepRecent = options.keepRecent ?? 50;
  const counts = new Map<string, number>();
  const sink: CountingAuditSink = {
    total: 0,
    duplicates: [],
    recent: [],
    countFor: (requestId) => counts.get(requestId) ?? 0,
    async write(record) {
      sink.total++;
      const seen = (counts.get(record.requestId) ?? 0) + 1;
      if (seen > 1) sink.duplicates.push(record.requestId);
      if (options.keepIds !== false) counts.set(record.requestId, seen);
      sink.recent.push(record);
      if (sink.recent.length > keepRecent) sink.recent.shift();
    },
    async waitForTotal({ count, timeoutMs = 5_000 }) {
      const deadline = Date.now() + timeoutMs;
      while (sink.total < count) {
        if (Date.now() > deadline) throw new Error(`audit: ${sink.total} records, expected ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
  };
  return sink;
}

export interface HardeningGateway {
  url: string;
  port: number;
  fake: FakeProvider;
  server: NodeServer;
  audit: CountingAuditSink;
  /** A valid tenant key with every scope. */
  key: string;
  /** Audit records the requests sent so far must have produced (each request that reaches the app adds one). */
  expectedAudit: number;
  /**
   * Waits for the expected number of records, then checks there is not one more. Requests are sent one at a time,
   * so "total == requests" means one each; error answers carry no x-request-id to correlate by.
   */
  auditMatches(options?: { timeoutMs?: number }): Promise<string | null>;
  close(): Promise<void>;
}

export const BODY_LIMIT_BYTES = 64 * 1024;

export async function startHardeningGateway(
  options: { configure?: (base: GatewayConfigInput) => GatewayConfigInput; audit?: CountingAuditSink; fake?: FakeProvider } = {},
): Promise<HardeningGateway> {
  const fake = options.fake ?? (await startFakeProvider());
  const made = await makeKey();
  // With a providerStateSecret, as a production config has: stored-state ids take the tenant-binding path.
  const base: GatewayConfigInput = {
    ...providerSection(fake.url), tenants: [{ id: "acme", keys: [made.config] }], bodyLimitBytes: BODY_LIMIT_BYTES,
    providerStateSecret: "hardening-provider-state-secret-0123456789",
  };
  const audit = options.audit ?? createCountingAuditSink();
  const server = await startNodeServer({ config: buildConfig(options.configure?.(base) ?? base), port: 0, auditSink: audit });
  const gateway: HardeningGateway = {
    url: server.url,
    port: server.port,
    fake,
    server,
    audit,
    key: made.key,
    expectedAudit: 0,
    async auditMatches({ timeoutMs = 3_000 } = {}) {
      const expected = gateway.expectedAudit;
      try {
        await audit.waitForTotal({ count: expected, timeoutMs });
      } catch {
        return `${audit.total} audit records for ${expected} requests`;
      }
      return audit.total === expected && audit.duplicates.length === 0 ? null : `${audit.total} audit records for ${expected} requests (${audit.duplicates.length} duplicate ids)`;
    },
    async close() {
      await server.close();
      if (!options.fake) await fake.stop();
    },
  };
  return gateway;
}

/** True when the gateway still answers a good request correctly (liveness after abuse); counts its audit record. */
export async function stillServing(gateway: Pick<HardeningGateway, "url" | "key" | "expectedAudit">): Promise<boolean> {
  const health = await fetch(`${gateway.url}/healthz`).catch(() => null);
  if (health?.status !== 200) return false;
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gateway.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "still there?" }] }),
  }).catch(() => null);
  if (response) gateway.expectedAudit++;
  if (response?.status !== 200) return false;
  const body = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
  return body.choices?.[0]?.message?.content === "Echo: still there?";
}
