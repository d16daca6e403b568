// The audit record: exactly one per request, whatever the outcome. It names findings (detector, category, score)
// but never the matched text, and never a raw key, prompt or answer.
import * as z from "zod";
import { ACTIONS } from "../policy/schema";
import { CATEGORIES } from "../screening/types";

const findingSchema = z.strictObject({
  detector: z.string(),
  category: z.enum(CATEGORIES),
  score: z.number().min(0).max(1),
  direction: z.enum(["input", "output"]),
  shadow: z.boolean().default(false),
});

const automatedResponseSchema = z.strictObject({
  action: z.literal("suspend_key"),
  keyId: z.string(),
  until: z.string().datetime(),
  /** Blocked prompts counted in the window when the threshold was reached. */
  blockedPrompts: z.number().int(),
  withinSeconds: z.number().int(),
});

export const auditRecordSchema = z.strictObject({
  requestId: z.string(),
  time: z.string().datetime(),
  route: z.string(),
  method: z.string(),
  status: z.number().int(),
  /** What the gateway did: allow / flag / redact / block, or "error" when it never got to decide. */
  action: z.enum([...ACTIONS, "error"]),
  tenantId: z.string().optional(),
  keyId: z.string().optional(),
  endUser: z.string().optional(),
  clientIp: z.string().optional(),
  model: z.string().optional(),
  provider: z.string().optional(),
  stream: z.boolean().default(false),
  policyVersion: z.number().int().optional(),
  findings: z.array(findingSchema).default([]),
  /** Tagged reason for a refusal (e.g. auth "wrong_secret"); the wire only says 401. */
  reason: z.string().optional(),
  errors: z.array(z.string()).default([]),
  /** Every fail-open decision (limiter timeout, detector error) that let the request through. */
  failOpen: z.array(z.string()).default([]),
  tokens: z.strictObject({ input: z.number().optional(), output: z.number().optional() }).default({}),
  latencyMs: z.record(z.string(), z.number()).default({}),
  upstreamAttempts: z.array(z.strictObject({ provider: z.string(), status: z.number().optional(), error: z.string().optional(), ms: z.number() })).default([]),
  /** Redacted prompt/answer, only when the tenant policy sets auditContent. */
  content: z.strictObject({ prompt: z.string().optional(), answer: z.string().optional() }).optional(),
  streamOutcome: z.enum(["completed", "blocked", "client_disconnected", "upstream_error"]).optional(),
  /** Set on the record of the blocked prompt that made the key reach its policy's autoSuspend threshold. */
  automatedResponse: automatedResponseSchema.optional(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditFinding = z.infer<typeof findingSchema>;

export interface AuditSink {
  write(record: AuditRecord): Promise<void>;
}
