import { describe, expect, it } from "vitest";
import { parseValid, validate } from "../validation/validate";
import { completeAuditRecord, type AuditFacts, type AuditRecord } from "./record";
import { auditRecordSchema } from "./record-schema";

const facts: AuditFacts = { requestId: "r-1", time: "2026-11-26T12:00:00.000Z", route: "/v1/chat/completions", method: "POST", status: 200, action: "allow" };

describe("completeAuditRecord", () => {
  it("fills exactly the defaults the schema would (a schema default added without the builder fails here)", () => {
    const bare: Partial<AuditRecord> = {};
    expect(completeAuditRecord({ draft: bare, facts })).toEqual(parseValid(auditRecordSchema, { ...bare, ...facts }));
  });

  it("keeps every field a stage set, and the result is a valid record", () => {
    const draft: Partial<AuditRecord> = {
      tenantId: "acme",
      keyId: "k1",
      model: "gpt-4o-mini",
      provider: "openai",
      stream: true,
      policyVersion: 3,
      findings: [{ detector: "pii", category: "pii", score: 0.9, direction: "input", shadow: false }],
      errors: ["detector:x:timeout"],
      failOpen: ["limiter:timeout"],
      tokens: { input: 10, output: 20 },
      latencyMs: { auth: 0.1, total: 3.2 },
      upstreamAttempts: [{ provider: "openai", status: 200, ms: 1.5 }],
      streamOutcome: "completed",
      reason: "x",
    };
    const record = completeAuditRecord({ draft, facts });
    expect(record).toEqual(parseValid(auditRecordSchema, { ...draft, ...facts }));
    expect(validate(auditRecordSchema, record).ok).toBe(true);
  });

  it("the final facts win over anything a draft carried", () => {
    const record = completeAuditRecord({ draft: { status: 500, route: "/x" } as Partial<AuditRecord>, facts });
    expect(record.status).toBe(200);
    expect(record.route).toBe("/v1/chat/completions");
  });
});
