import { afterEach, describe, expect, it, vi } from "vitest";
import { createQueueAuditSink, toAnalyticsDataPoint } from "./queue-sink";
import type { AuditRecord } from "./record";
import { makeAuditRecord, makeBlockedPrompt } from "./test-records";

afterEach(() => vi.restoreAllMocks());

describe("queue audit sink", () => {
  it("sends the record to the queue and writes one data point in the documented field order", async () => {
    const sent: AuditRecord[] = [];
    const points: AnalyticsEngineDataPoint[] = [];
    const sink = createQueueAuditSink({
      queue: { send: async (body) => void sent.push(body) },
      analytics: { writeDataPoint: (point) => void points.push(point) },
    });
    const record = makeBlockedPrompt({
      requestId: "r-1",
      model: "gpt-4o",
      provider: "openai",
      findings: [
        { detector: "pii", category: "pii", score: 0.6, direction: "input", shadow: false },
        { detector: "shadow-clf", category: "jailbreak", score: 0.99, direction: "input", shadow: true },
        { detector: "inj", category: "prompt_injection", score: 0.9, direction: "input", shadow: false },
      ],
      tokens: { input: 7, output: 0 },
      latencyMs: { total: 12.5, overhead: 2.25 },
    });
    await sink.write(record);
    expect(sent).toEqual([record]);
    expect(points).toEqual([
      {
        indexes: ["acme"],
        // top category: highest-scoring acted-on finding; the shadow finding scores higher but never counts
        blobs: ["/v1/chat/completions", "block", "gpt-4o", "openai", "prompt_injection"],
        doubles: [400, 12.5, 2.25, 7, 0],
      },
    ]);
  });

  it("keeps positions fixed when fields are absent (unauthenticated 401)", () => {
    const point = toAnalyticsDataPoint(
      makeAuditRecord({ status: 401, action: "error", tenantId: undefined, keyId: undefined, model: undefined, provider: undefined, tokens: {}, latencyMs: {} }),
    );
    expect(point).toEqual({ indexes: ["anonymous"], blobs: ["/v1/chat/completions", "error", "", "", ""], doubles: [401, 0, 0, 0, 0] });
  });

  it("never rejects: a lost send leaves the record's facts in the logs, never its content or the error's text", async () => {
    const errors: unknown[][] = [];
    const lines: unknown[] = [];
    vi.spyOn(console, "error").mockImplementation((...args) => void errors.push(args));
    vi.spyOn(console, "log").mockImplementation((line) => void lines.push(line));
    const secretPrompt = "my card is 4111 1111 1111 1111";
    let sends = 0;
    const sink = createQueueAuditSink({
      queue: {
        send: async () => {
          sends++;
          return Promise.reject(new Error(`could not send ${secretPrompt}`));
        },
      },
      analytics: {
        writeDataPoint: () => {
          throw new TypeError(`bad point ${secretPrompt}`);
        },
      },
    });
    const record = makeBlockedPrompt({ requestId: "r-secret", content: { prompt: secretPrompt } });
    await expect(sink.write(record)).resolves.toBeUndefined();
    expect(sends).toBe(2);
    expect(errors).toHaveLength(2);
    expect(JSON.stringify(errors)).toContain("r-secret");
    expect(lines).toHaveLength(1);
    const { content: _content, ...facts } = record;
    expect(JSON.parse(lines[0] as string)).toEqual({ edgeguardAuditFallback: facts });
    expect(JSON.stringify([errors, lines])).not.toContain("4111");
  });

  it("retries a failed send once, so one transient failure loses no record", async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args));
    const sent: string[] = [];
    let failures = 1;
    const queue = {
      send: async (body: AuditRecord) => {
        if (failures-- > 0) throw new Error("transient");
        sent.push(body.requestId);
      },
    };
    await createQueueAuditSink({ queue }).write(makeAuditRecord({ requestId: "again" }));
    expect(sent).toEqual(["again"]);
    expect(logged).toEqual([]);
  });

  it("resends a record too large for one Queue message without its content, and says so in the record", async () => {
    const sent: AuditRecord[] = [];
    const queue = {
      send: async (body: AuditRecord) => {
        if (JSON.stringify(body).length > 128 * 1024) throw new Error("message too large");
        sent.push(body);
      },
    };
    const answer = "a long redacted answer ".repeat(7_000);
    const record = makeBlockedPrompt({ requestId: "big", content: { prompt: "hi", answer } });
    await createQueueAuditSink({ queue }).write(record);
    const { content: _content, ...facts } = record;
    expect(sent).toEqual([{ ...facts, errors: [...record.errors, "audit_content_too_large"] }]);
    // A small record that fails once is resent whole, content and all.
    const small = makeBlockedPrompt({ requestId: "small", content: { prompt: "hi" } });
    let failures = 1;
    await createQueueAuditSink({
      queue: {
        send: async (body: AuditRecord) => {
          if (failures-- > 0) throw new Error("transient");
          sent.push(body);
        },
      },
    }).write(small);
    expect(sent[1]).toEqual(small);
  });

  it("still sends to the queue when analytics is not bound or throws", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const sent: string[] = [];
    const queue = { send: async (body: AuditRecord) => void sent.push(body.requestId) };
    await createQueueAuditSink({ queue }).write(makeAuditRecord({ requestId: "a" }));
    await createQueueAuditSink({ queue, analytics: { writeDataPoint: () => { throw new Error("x"); } } }).write(makeAuditRecord({ requestId: "b" }));
    expect(sent).toEqual(["a", "b"]);
  });
});
