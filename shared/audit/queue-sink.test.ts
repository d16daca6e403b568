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

  it("never rejects: queue and analytics failures are logged with the request id and nothing from the record", async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args));
    const secretPrompt = "my card is 4111 1111 1111 1111";
    const sink = createQueueAuditSink({
      queue: { send: async () => Promise.reject(new Error(`could not send ${secretPrompt}`)) },
      analytics: {
        writeDataPoint: () => {
          throw new TypeError(`bad point ${secretPrompt}`);
        },
      },
    });
    await expect(sink.write(makeBlockedPrompt({ requestId: "r-secret", content: { prompt: secretPrompt } }))).resolves.toBeUndefined();
    expect(logged).toHaveLength(2);
    const text = JSON.stringify(logged);
    expect(text).toContain("r-secret");
    expect(text).not.toContain("4111");
    expect(text).not.toContain("acme");
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

  it("still sends to the queue when analytics is not bound or throws", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const sent: string[] = [];
    const queue = { send: async (body: AuditRecord) => void sent.push(body.requestId) };
    await createQueueAuditSink({ queue }).write(makeAuditRecord({ requestId: "a" }));
    await createQueueAuditSink({ queue, analytics: { writeDataPoint: () => { throw new Error("x"); } } }).write(makeAuditRecord({ requestId: "b" }));
    expect(sent).toEqual(["a", "b"]);
  });
});
