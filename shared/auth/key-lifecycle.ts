// The life of an API key as pure record transitions: issue (plaintext returned once, only its sha256 kept), rotate
// (a successor for the same tenant; the old key keeps working until `graceUntil`), revoke, suspend/resume, and the
// public view the admin API lists (never the hash). Storage is someone else's job (shared/store/tenant-admin.ts).
import * as v from "valibot";
import { keySettingsEntries } from "../config/schema";
import type { KeyRecord } from "../store/records";
import { strictObject } from "../validation/objects";
import { parseValid } from "../validation/validate";
import { generateApiKey, sha256Hex } from "./api-key";
import { checkKeyRecord, hasPassed } from "./verify-key";

/** What an admin may choose for a new key; the id, hash, tenant and timestamps are the gateway's. */
export const keySettingsSchema = strictObject(keySettingsEntries);
export type KeySettings = v.InferOutput<typeof keySettingsSchema>;

export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;
export const MAX_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

export interface IssuedKey {
  /** The plaintext key: shown to the caller once, stored nowhere. */
  key: string;
  record: KeyRecord;
}

export async function issueKey(options: { tenantId: string; settings: KeySettings; now: number; keyId?: string }): Promise<IssuedKey> {
  const { key, keyId } = generateApiKey({ keyId: options.keyId });
  const record: KeyRecord = {
    ...options.settings,
    id: keyId,
    tenantId: options.tenantId,
    sha256: await sha256Hex(key),
    status: "active",
    createdAt: new Date(options.now).toISOString(),
  };
  return { key, record };
}

export type RotateResult =
  | { ok: true; issued: IssuedKey; previous: KeyRecord }
  | { ok: false; reason: "not_active" | "already_rotated" | "bad_grace" };

/**
 * A successor with the same settings; the old record gets `graceUntil = now + graceMs` (never later than its own
 * expiry), `rotatedAt` and `replacedBy`. Rotating twice would leave two live successors, so it is refused.
 */
export async function rotateKey(options: { old: KeyRecord; now: number; graceMs?: number }): Promise<RotateResult> {
  const { old, now, graceMs = DEFAULT_GRACE_MS } = options;
  if (!Number.isInteger(graceMs) || graceMs < 0 || graceMs > MAX_GRACE_MS) return { ok: false, reason: "bad_grace" };
  if (old.replacedBy || old.graceUntil) return { ok: false, reason: "already_rotated" };
  if (old.status !== "active" || (old.expiresAt && hasPassed({ now, time: old.expiresAt }))) return { ok: false, reason: "not_active" };
  const settings = parseValid(keySettingsSchema, {
    expiresAt: old.expiresAt,
    scopes: old.scopes,
    models: old.models,
    maxTokens: old.maxTokens,
    limits: old.limits,
  });
  const issued = await issueKey({ tenantId: old.tenantId, settings, now });
  const previous: KeyRecord = {
    ...old,
    graceUntil: new Date(now + graceMs).toISOString(),
    rotatedAt: new Date(now).toISOString(),
    replacedBy: issued.record.id,
  };
  return { ok: true, issued, previous };
}

export function withStatus(record: KeyRecord, status: KeyRecord["status"]): KeyRecord {
  return { ...record, status };
}

/** The key as the admin API shows it: every field but the hash, plus whether it would be accepted right now. */
export type PublicKeyView = Omit<KeyRecord, "sha256"> & { usable: boolean };

export function publicKeyView(record: KeyRecord, now: number): PublicKeyView {
  const { sha256, ...rest } = record;
  // Reuse the gateway's own check (with the record's hash as the presented one) so the view cannot disagree with it.
  return { ...rest, usable: checkKeyRecord({ presentedSha256: sha256, record, now }).ok };
}
