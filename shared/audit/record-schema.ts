// The audit record's schema: exactly one record per request, whatever the outcome. It names findings (detector,
// category, score) but never the matched text, and never a raw key, prompt or answer. Parsed only where records
// arrive from outside (the audit queue's consumer); the request path builds them (record.ts), so a Worker that only
// serves requests never builds this schema.
import * as v from "valibot";
import { ACTIONS } from "../policy/schema";
import { CATEGORIES } from "../screening/types";
import { isoTime } from "../validation/fields";
import { record, strictObject } from "../validation/objects";

const findingSchema = strictObject({
  detector: v.string(),
  category: v.picklist(CATEGORIES),
  score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  direction: v.picklist(["input", "output"]),
  shadow: v.optional(v.boolean(), false),
});

const wholeNumber = v.pipe(v.number(), v.safeInteger());

const automatedResponseSchema = strictObject({
  action: v.literal("suspend_key"),
  keyId: v.string(),
  until: isoTime(),
  /** Blocked prompts counted in the window when the threshold was reached. */
  blockedPrompts: wholeNumber,
  withinSeconds: wholeNumber,
});

export const auditRecordSchema = strictObject({
  requestId: v.string(),
  time: isoTime(),
  route: v.string(),
  method: v.string(),
  status: wholeNumber,
  /** What the gateway did: allow / flag / redact / block, or "error" when it never got to decide. */
  action: v.picklist([...ACTIONS, "error"]),
  tenantId: v.optional(v.string()),
  keyId: v.optional(v.string()),
  endUser: v.optional(v.string()),
  clientIp: v.optional(v.string()),
  model: v.optional(v.string()),
  provider: v.optional(v.string()),
  stream: v.optional(v.boolean(), false),
  policyVersion: v.optional(wholeNumber),
  findings: v.optional(v.array(findingSchema), []),
  /** Tagged reason for a refusal (e.g. auth "wrong_secret"); the wire only says 401. */
  reason: v.optional(v.string()),
  errors: v.optional(v.array(v.string()), []),
  /** Every fail-open decision (limiter timeout, detector error) that let the request through. */
  failOpen: v.optional(v.array(v.string()), []),
  tokens: v.optional(strictObject({ input: v.optional(v.number()), output: v.optional(v.number()) }), {}),
  latencyMs: v.optional(record({ key: v.string(), value: v.number() }), {}),
  upstreamAttempts: v.optional(
    v.array(strictObject({ provider: v.string(), status: v.optional(v.number()), error: v.optional(v.string()), ms: v.number() })),
    [],
  ),
  /** Redacted prompt/answer, only when the tenant policy sets auditContent. */
  content: v.optional(strictObject({ prompt: v.optional(v.string()), answer: v.optional(v.string()) })),
  streamOutcome: v.optional(v.picklist(["completed", "blocked", "client_disconnected", "upstream_error"])),
  /** Set on the record of the blocked prompt that made the key reach its policy's autoSuspend threshold. */
  automatedResponse: v.optional(automatedResponseSchema),
});
export type AuditRecord = v.InferOutput<typeof auditRecordSchema>;
export type AuditFinding = v.InferOutput<typeof findingSchema>;
