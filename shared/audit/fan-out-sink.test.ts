import { describe, expect, it } from "vitest";
import { createFanOutAuditSink } from "./fan-out-sink";
import { createMemoryAuditSink } from "./memory-sink";
import { makeAuditRecord } from "./test-records";

describe("fan-out audit sink", () => {
  it("writes each record to every sink, even past a failing one, then reports the failure", async () => {
    const first = createMemoryAuditSink();
    const last = createMemoryAuditSink();
    const failing = { write: async () => Promise.reject(new Error("disk full")) };
    const sink = createFanOutAuditSink([first, failing, last]);
    const record = makeAuditRecord({ requestId: "fan-1" });
    await expect(sink.write(record)).rejects.toThrow("disk full");
    expect(first.records).toEqual([record]);
    expect(last.records).toEqual([record]);
    await expect(createFanOutAuditSink([first]).write(record)).resolves.toBeUndefined();
  });
});
