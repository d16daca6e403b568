// Pure key checks: does the presented key match a stored record, is it usable now, and may it call this route/model.
// Tagged reasons go to the audit record; the wire only ever says 401 or 403 (see workers/middleware/authenticate).
import type { KeyScope } from "../config/schema";
import { matchesAnyGlob } from "../providers/registry";
import type { KeyRecord } from "../store/records";
import { constantTimeEqual } from "./api-key";

export type KeyRejection = "malformed" | "unknown_key" | "wrong_secret" | "revoked" | "suspended" | "expired";
export type KeyCheck = { ok: true } | { ok: false; reason: KeyRejection };

export function checkKeyRecord(options: { presentedSha256: string; record: KeyRecord | null; now: number }): KeyCheck {
  const { record, now } = options;
  if (!record) return { ok: false, reason: "unknown_key" };
  if (!constantTimeEqual(options.presentedSha256, record.sha256)) return { ok: false, reason: "wrong_secret" };
  if (record.status === "revoked") return { ok: false, reason: "revoked" };
  if (record.status === "suspended") return { ok: false, reason: "suspended" };
  if (record.expiresAt && hasPassed({ now, time: record.expiresAt })) return { ok: false, reason: "expired" };
  if (record.graceUntil && hasPassed({ now, time: record.graceUntil })) return { ok: false, reason: "expired" };
  return { ok: true };
}

/** Whether `time` is not after `now`. A time that does not parse counts as passed: an expiry fails closed. */
export function hasPassed(options: { now: number; time: string }): boolean {
  return !(Date.parse(options.time) > options.now);
}

export type ScopeCheck = { ok: true } | { ok: false; reason: "route_not_allowed" | "model_not_allowed" | "max_tokens_exceeded" };

const DEFAULT_SCOPES: readonly KeyScope[] = ["chat", "responses", "messages", "embeddings", "guard", "models"];

export function hasScope(record: KeyRecord, scope: KeyScope): boolean {
  return (record.scopes ?? DEFAULT_SCOPES).includes(scope);
}

export function checkScope(options: { record: KeyRecord; scope: KeyScope; model?: string; maxTokens?: number }): ScopeCheck {
  const { record, scope, model, maxTokens } = options;
  if (!hasScope(record, scope)) return { ok: false, reason: "route_not_allowed" };
  if (model !== undefined && record.models && !matchesAnyGlob(model, record.models)) return { ok: false, reason: "model_not_allowed" };
  if (maxTokens !== undefined && record.maxTokens !== undefined && maxTokens > record.maxTokens) {
    return { ok: false, reason: "max_tokens_exceeded" };
  }
  return { ok: true };
}
