// Test helper (not used at run time): valid audit records with sensible defaults, overridable field by field.
import { parseValid } from "../validation/validate";
import { auditRecordSchema, type AuditRecord } from "./record-schema";

let sequence = 0;

export function makeAuditRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  sequence++;
  return parseValid(auditRecordSchema, {
    requestId: `req-${sequence}`,
    time: "2026-05-01T12:00:00.000Z",
    route: "/v1/chat/completions",
    method: "POST",
    status: 200,
    action: "allow",
    tenantId: "acme",
    keyId: "k1",
    model: "gpt-4o-mini",
    provider: "openai",
    tokens: { input: 10, output: 20 },
    latencyMs: { overhead: 1.5, total: 120 },
    ...overrides,
  });
}

/** A prompt blocked for prompt injection (HTTP 400), as the gateway records it. */
export function makeBlockedPrompt(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return makeAuditRecord({
    status: 400,
    action: "block",
    findings: [{ detector: "injection-heuristics", category: "prompt_injection", score: 0.97, direction: "input", shadow: false }],
    tokens: {},
    ...overrides,
  });
}
