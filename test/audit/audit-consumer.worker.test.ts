// The Worker-side durable audit sink in workerd: the Queue consumer writing batches to D1 (migrations applied from
// migrations/), its retry and idempotency, and the admin usage summary computed by D1 SQL.
import { applyD1Migrations, createExecutionContext, createMessageBatch, env, getQueueResult, type D1Migration } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { toAuditRow } from "../../shared/audit/d1-rows";
import { createQueueAuditSink } from "../../shared/audit/queue-sink";
import type { AuditRecord } from "../../shared/audit/record";
import { summariseRecords, summariseUsage } from "../../shared/audit/summaries";
import { makeAuditRecord, makeBlockedPrompt } from "../../shared/audit/test-records";
import { consumeAuditBatch } from "../../workers/audit-consumer/consume-audit-batch";
import { workerAuditSink } from "../../workers/audit-consumer/worker-audit-sink";

interface AuditTestEnv {
  EDGEGUARD_AUDIT_DB: D1Database;
  EDGEGUARD_ANALYTICS: AnalyticsEngineDataset;
  TEST_MIGRATIONS: D1Migration[];
}
const testEnv = env as unknown as AuditTestEnv;
const db = () => testEnv.EDGEGUARD_AUDIT_DB;

beforeAll(async () => {
  await applyD1Migrations(testEnv.EDGEGUARD_AUDIT_DB, testEnv.TEST_MIGRATIONS);
});

let messageSequence = 0;
function batchOf(bodies: unknown[], attempts = 1) {
  return createMessageBatch<unknown>(
    "edgeguard-audit",
    bodies.map((body) => ({ id: `m-${++messageSequence}`, timestamp: new Date(), attempts, body })),
  );
}

async function rowsFor(ids: string[]) {
  const { results } = await db()
    .prepare(`SELECT * FROM audit_records WHERE request_id IN (${ids.map(() => "?").join(",")}) ORDER BY request_id`)
    .bind(...ids)
    .all();
  return results;
}

describe("the audit Queue consumer", () => {
  it("writes every valid record of a batch as one row, acks all, and drops (acks) an invalid message", async () => {
    const records = [
      makeAuditRecord({ requestId: "c-1" }),
      makeBlockedPrompt({ requestId: "c-2", endUser: "u-1" }),
      makeAuditRecord({ requestId: "c-3", status: 401, action: "error", tenantId: undefined, keyId: undefined, tokens: {}, latencyMs: {} }),
    ];
    const batch = batchOf([records[0], { requestId: "c-bad", status: "oops" }, records[1], records[2]]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const ctx = createExecutionContext();
    const outcome = await consumeAuditBatch(batch, testEnv);
    const result = await getQueueResult(batch, ctx);
    errors.mockRestore();

    expect(outcome).toEqual({ written: 3, invalid: 1, retried: false });
    expect(result.ackAll).toBe(true);
    expect(result.retryBatch.retry).toBe(false);
    expect(result.explicitAcks).toEqual([batch.messages[1].id]);
    const rows = await rowsFor(["c-1", "c-2", "c-3", "c-bad"]);
    expect(rows).toEqual(records.map((record) => toAuditRow(record)));
    expect(JSON.parse(String(rows[1].record_json))).toEqual(records[1]);
  });

  it("runs as the Worker's queue handler, which loads the consumer with the first batch", async () => {
    const worker = (await import("../../workers/index")).default as unknown as {
      queue: (batch: MessageBatch<unknown>, env: unknown, ctx: ExecutionContext) => Promise<void>;
    };
    const batch = batchOf([makeAuditRecord({ requestId: "h-1" }), makeBlockedPrompt({ requestId: "h-2" })]);
    const ctx = createExecutionContext();
    await worker.queue(batch, testEnv, ctx);
    expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
    expect((await rowsFor(["h-1", "h-2"])).map((row) => row.request_id)).toEqual(["h-1", "h-2"]);
    // Without the database binding it refuses the batch (the Queue retries it) rather than dropping records.
    await expect(worker.queue(batchOf([makeAuditRecord({ requestId: "h-3" })]), {}, createExecutionContext())).rejects.toThrow(
      /EDGEGUARD_AUDIT_DB/,
    );
  });

  it("is idempotent on request_id: a redelivered batch leaves the first rows as they were", async () => {
    const first = makeBlockedPrompt({ requestId: "dup-1" });
    await consumeAuditBatch(batchOf([first]), testEnv);
    const redelivered = batchOf([{ ...first, status: 500 }, makeAuditRecord({ requestId: "dup-2" })], 2);
    const ctx = createExecutionContext();
    expect(await consumeAuditBatch(redelivered, testEnv)).toEqual({ written: 2, invalid: 0, retried: false });
    expect((await getQueueResult(redelivered, ctx)).ackAll).toBe(true);
    const rows = await rowsFor(["dup-1", "dup-2"]);
    expect(rows.map((row) => [row.request_id, row.status])).toEqual([["dup-1", 400], ["dup-2", 200]]);
  });

  it("retries the whole batch when D1 fails, keeping the invalid message acked, and writes nothing half-way", async () => {
    const real = db();
    const failingDb = {
      prepare: (sql: string) => real.prepare(sql),
      batch: async () => Promise.reject(new Error("D1_ERROR: database is overloaded")),
    } as unknown as D1Database;
    const batch = batchOf([makeAuditRecord({ requestId: "f-1" }), "not a record", makeAuditRecord({ requestId: "f-2" })], 3);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const ctx = createExecutionContext();
    const outcome = await consumeAuditBatch(batch, { EDGEGUARD_AUDIT_DB: failingDb });
    const result = await getQueueResult(batch, ctx);
    const logged = JSON.stringify(errors.mock.calls);
    errors.mockRestore();

    expect(outcome).toEqual({ written: 0, invalid: 1, retried: true });
    expect(result.retryBatch.retry).toBe(true);
    expect(result.ackAll).toBe(false);
    expect(result.explicitAcks).toEqual([batch.messages[1].id]);
    expect(await rowsFor(["f-1", "f-2"])).toEqual([]);
    expect(logged).not.toContain("acme"); // logs say how many failed and why, not what they were
  });
});

describe("usage summaries from D1", () => {
  it("agree with the in-memory definition over the same records, per tenant and time range", async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute)).toISOString();
    const records: AuditRecord[] = [];
    for (let i = 0; i < 23; i++) {
      records.push(makeAuditRecord({ requestId: `s-ok-${i}`, tenantId: "summ", time: at(i), latencyMs: { overhead: (i * 7) % 11 + 0.25 }, tokens: { input: i, output: 2 * i } }));
    }
    for (let i = 0; i < 5; i++) {
      records.push(
        makeBlockedPrompt({
          requestId: `s-block-${i}`,
          tenantId: "summ",
          time: at(30 + i),
          latencyMs: { overhead: 40 + i },
          findings: [
            { detector: "inj", category: i % 2 ? "jailbreak" : "prompt_injection", score: 0.9, direction: "input", shadow: false },
            { detector: "pii", category: "pii", score: 0.8, direction: "input", shadow: i === 0 },
          ],
        }),
      );
    }
    records.push(makeAuditRecord({ requestId: "s-redact", tenantId: "summ", time: at(40), action: "redact", latencyMs: {}, findings: [{ detector: "pii", category: "pii", score: 1, direction: "input", shadow: false }] }));
    records.push(makeAuditRecord({ requestId: "s-other-tenant", tenantId: "other", time: at(10) }));
    records.push(makeAuditRecord({ requestId: "s-late", tenantId: "summ", time: at(59) }));
    await consumeAuditBatch(batchOf(records), testEnv);

    const range = { tenantId: "summ", from: at(0), to: at(59) };
    const fromD1 = await summariseUsage({ db: db(), ...range });
    expect(fromD1).toEqual(summariseRecords({ ...range, records }));
    expect(fromD1).toMatchObject({
      requests: 29,
      blocked: 5,
      byAction: { allow: 23, block: 5, redact: 1 },
      byCategory: { prompt_injection: 3, jailbreak: 2, pii: 5 },
      blockedByCategory: { prompt_injection: 3, jailbreak: 2, pii: 4 },
      overheadMs: { samples: 28 },
    });
    expect(fromD1.overheadMs.p95).toBe(43); // 27th of 28 sorted values: the blocked prompts' 40..44
    const empty = await summariseUsage({ db: db(), tenantId: "nobody", from: at(0), to: at(59) });
    expect(empty).toMatchObject({ requests: 0, blocked: 0, byAction: {}, overheadMs: { p50: null, p95: null, samples: 0 } });
  });
});

describe("the queue sink on real bindings", () => {
  it("writes a data point the Analytics Engine binding accepts", async () => {
    const sent: AuditRecord[] = [];
    const errors = vi.spyOn(console, "error");
    const sink = createQueueAuditSink({ queue: { send: async (body) => void sent.push(body) }, analytics: testEnv.EDGEGUARD_ANALYTICS });
    await sink.write(makeBlockedPrompt({ requestId: "ae-1" }));
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(sent.map((record) => record.requestId)).toEqual(["ae-1"]);
  });
});

describe("workerAuditSink", () => {
  it("uses the Queue when bound and falls back to console JSON Lines otherwise", async () => {
    const sent: unknown[] = [];
    const queued = workerAuditSink({ EDGEGUARD_AUDIT_QUEUE: { send: async (body: unknown) => void sent.push(body) } as unknown as Queue });
    await queued.write(makeAuditRecord({ requestId: "w-1" }));
    expect(sent).toHaveLength(1);
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    await workerAuditSink({}).write(makeAuditRecord({ requestId: "w-2" }));
    log.mockRestore();
    expect(JSON.parse(lines[0]).requestId).toBe("w-2");
  });
});
