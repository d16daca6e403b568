import { describe, expect, it } from "vitest";
import { toAuditRow } from "./d1-rows";
import { nearestRank, summariseRecords } from "./summaries";
import { makeAuditRecord, makeBlockedPrompt } from "./test-records";

describe("nearest-rank percentiles", () => {
  it("picks the value at ceil(q·n), clamped to the list", () => {
    expect(nearestRank({ q: 0.5, n: 4 })).toBe(2);
    expect(nearestRank({ q: 0.95, n: 20 })).toBe(19);
    expect(nearestRank({ q: 0.95, n: 21 })).toBe(20);
    expect(nearestRank({ q: 0.5, n: 1 })).toBe(1);
    expect(nearestRank({ q: 0, n: 5 })).toBe(1);
  });
});

describe("summariseRecords", () => {
  const range = { tenantId: "acme", from: "2026-05-01T00:00:00Z", to: "2026-05-02T00:00:00Z" };
  const records = [
    makeAuditRecord({ time: "2026-05-01T00:00:00.000Z", latencyMs: { overhead: 1 }, tokens: { input: 5, output: 6 } }),
    makeAuditRecord({
      time: "2026-05-01T01:00:00.000Z",
      action: "redact",
      latencyMs: { overhead: 3 },
      findings: [{ detector: "pii", category: "pii", score: 0.9, direction: "input", shadow: false }],
    }),
    makeBlockedPrompt({ time: "2026-05-01T02:00:00.000Z", latencyMs: { overhead: 2 } }),
    makeBlockedPrompt({
      time: "2026-05-01T03:00:00.000Z",
      latencyMs: { overhead: 10 },
      findings: [
        { detector: "inj", category: "prompt_injection", score: 0.9, direction: "input", shadow: false },
        { detector: "pii", category: "pii", score: 0.9, direction: "input", shadow: false },
        { detector: "tox", category: "toxicity", score: 0.9, direction: "input", shadow: true },
      ],
    }),
    makeAuditRecord({ time: "2026-05-01T04:00:00.000Z", status: 401, action: "error", latencyMs: {}, tokens: {} }),
    // outside: other tenant, before from, at `to` (exclusive)
    makeBlockedPrompt({ tenantId: "globex", time: "2026-05-01T05:00:00.000Z" }),
    makeBlockedPrompt({ time: "2026-04-30T23:59:59.999Z" }),
    makeBlockedPrompt({ time: "2026-05-02T00:00:00.000Z" }),
  ];

  it("counts requests, actions, categories (never shadow ones), tokens and overhead percentiles in [from, to)", () => {
    expect(summariseRecords({ ...range, records })).toEqual({
      tenantId: "acme",
      from: "2026-05-01T00:00:00.000Z",
      to: "2026-05-02T00:00:00.000Z",
      requests: 5,
      blocked: 2,
      byAction: { allow: 1, redact: 1, block: 2, error: 1 },
      byCategory: { pii: 2, prompt_injection: 2 },
      blockedByCategory: { pii: 1, prompt_injection: 2 },
      tokens: { input: 5 + 10, output: 6 + 20 }, // blocked prompts and the 401 used no tokens
      overheadMs: { p50: 2, p95: 10, samples: 4 },
    });
  });

  it("answers zeros and null percentiles for an empty range, and rejects a reversed one", () => {
    const empty = summariseRecords({ tenantId: "nobody", from: range.from, to: range.to, records });
    expect(empty.requests).toBe(0);
    expect(empty.overheadMs).toEqual({ p50: null, p95: null, samples: 0 });
    expect(() => summariseRecords({ ...range, from: range.to, to: range.from, records })).toThrow(RangeError);
    expect(() => summariseRecords({ ...range, from: "yesterday", records })).toThrow(RangeError);
  });
});

describe("toAuditRow", () => {
  it("maps a record to the audit_records columns, categories as a comma list without shadow findings", () => {
    const record = makeBlockedPrompt({
      requestId: "r-9",
      endUser: "user-7",
      time: "2026-05-01T12:00:00Z",
      findings: [
        { detector: "inj", category: "prompt_injection", score: 0.9, direction: "input", shadow: false },
        { detector: "inj2", category: "prompt_injection", score: 0.8, direction: "input", shadow: false },
        { detector: "jb", category: "jailbreak", score: 0.7, direction: "input", shadow: true },
        { detector: "sec", category: "secret", score: 1, direction: "input", shadow: false },
      ],
    });
    const row = toAuditRow(record);
    expect(row).toMatchObject({
      request_id: "r-9",
      time: "2026-05-01T12:00:00.000Z",
      tenant_id: "acme",
      key_id: "k1",
      end_user: "user-7",
      status: 400,
      action: "block",
      categories: "prompt_injection,secret",
      tokens_in: null,
      tokens_out: null,
      overhead_ms: 1.5,
      total_ms: 120,
    });
    expect(JSON.parse(row.record_json)).toEqual(record);
  });
});
