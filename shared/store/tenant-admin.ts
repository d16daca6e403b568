// Tenant and key administration over an AdminStore: create/read/delete tenants, issue/list/revoke/suspend/rotate
// keys, set limits. Every key operation is addressed as (tenantId, keyId) and refuses a key of another tenant as
// "not found", so one tenant's path can never reach another's key. KV has no transactions: each operation orders
// its writes so a crash half-way leaves keys refused rather than wrongly accepted (docs/storage-schema.md).
import * as v from "valibot";
import { issueKey, publicKeyView, rotateKey, withStatus, type KeySettings, type PublicKeyView } from "../auth/key-lifecycle";
import { limitsSchema, tenantIdSchema, type LimitsConfig } from "../config/schema";
import { policySchema } from "../policy/schema";
import { strictObject } from "../validation/objects";
import type { AdminStore } from "./kv-admin-store";
import { endUserAuthSchema, type KeyRecord, type TenantRecord } from "./records";

export type AdminFailureReason =
  | "tenant_exists"
  | "tenant_not_found"
  | "key_not_found"
  | "key_not_active"
  | "key_already_rotated"
  | "bad_grace"
  | "no_previous_policy"
  | "invalid_policy";

export type AdminResult<T> = ({ ok: true } & T) | { ok: false; reason: AdminFailureReason; message: string };

const fail = (reason: AdminFailureReason, message: string) => ({ ok: false as const, reason, message });

/** The body of `POST /admin/tenants`. */
export const newTenantSchema = strictObject({
  id: tenantIdSchema,
  policy: v.optional(policySchema),
  limits: v.optional(limitsSchema),
  endUserAuth: v.optional(endUserAuthSchema),
});
export type NewTenant = v.InferOutput<typeof newTenantSchema>;

/** A tenant as the admin API shows it: a shared end-user secret is never sent back. */
export function publicTenantView(tenant: TenantRecord): TenantRecord {
  if (tenant.endUserAuth?.type !== "hs256") return tenant;
  return { ...tenant, endUserAuth: { ...tenant.endUserAuth, secret: "[redacted]" } };
}

interface StoreOptions {
  store: AdminStore;
  now: number;
}

export async function createTenant(options: StoreOptions & { input: NewTenant }): Promise<AdminResult<{ tenant: TenantRecord }>> {
  const { store, now, input } = options;
  if (await store.getTenant(input.id)) return fail("tenant_exists", `Tenant ${input.id} already exists.`);
  const hasPolicy = input.policy !== undefined;
  const tenant: TenantRecord = {
    id: input.id,
    policy: hasPolicy ? { ...input.policy!, version: 1 } : undefined,
    policyVersion: hasPolicy ? 1 : 0,
    limits: input.limits,
    endUserAuth: input.endUserAuth,
    createdAt: new Date(now).toISOString(),
  };
  if (hasPolicy) {
    await store.putPolicyVersion({ tenantId: tenant.id, version: 1, policy: tenant.policy!, savedAt: tenant.createdAt! });
  }
  await store.putTenant(tenant);
  return { ok: true, tenant };
}

export async function getTenant(options: { store: AdminStore; tenantId: string }): Promise<AdminResult<{ tenant: TenantRecord }>> {
  const tenant = await options.store.getTenant(options.tenantId);
  return tenant ? { ok: true, tenant } : fail("tenant_not_found", `No tenant ${options.tenantId}.`);
}

/** Deletes the tenant's keys first (so they stop working even if the rest fails), then its history and record. */
export async function deleteTenant(options: { store: AdminStore; tenantId: string }): Promise<AdminResult<{ deletedKeys: number }>> {
  const { store, tenantId } = options;
  const tenant = await store.getTenant(tenantId);
  if (!tenant) return fail("tenant_not_found", `No tenant ${tenantId}.`);
  const keyIds = await store.listKeyIds(tenantId);
  for (const keyId of keyIds) {
    const record = await store.getKey(keyId);
    if (record?.tenantId === tenantId) await store.deleteKey(keyId);
  }
  await store.putKeyIds({ tenantId, keyIds: [] });
  for (let version = 1; version <= tenant.policyVersion; version++) await store.deletePolicyVersion({ tenantId, version });
  await store.deleteTenant(tenantId);
  return { ok: true, deletedKeys: keyIds.length };
}

export async function createKey(
  options: StoreOptions & { tenantId: string; settings: KeySettings },
): Promise<AdminResult<{ key: string; view: PublicKeyView }>> {
  const { store, now, tenantId } = options;
  if (!(await store.getTenant(tenantId))) return fail("tenant_not_found", `No tenant ${tenantId}.`);
  const issued = await issueKey({ tenantId, settings: options.settings, now });
  await store.putKey(issued.record);
  await store.putKeyIds({ tenantId, keyIds: [...(await store.listKeyIds(tenantId)), issued.record.id] });
  return { ok: true, key: issued.key, view: publicKeyView(issued.record, now) };
}

export async function listKeys(options: StoreOptions & { tenantId: string }): Promise<AdminResult<{ keys: PublicKeyView[] }>> {
  const { store, now, tenantId } = options;
  if (!(await store.getTenant(tenantId))) return fail("tenant_not_found", `No tenant ${tenantId}.`);
  const records = await Promise.all((await store.listKeyIds(tenantId)).map((keyId) => store.getKey(keyId)));
  const keys = records.filter((record): record is KeyRecord => record?.tenantId === tenantId).map((record) => publicKeyView(record, now));
  return { ok: true, keys };
}

/** The key, only if it belongs to the tenant named in the path. */
async function tenantKey(options: { store: AdminStore; tenantId: string; keyId: string }): Promise<AdminResult<{ record: KeyRecord }>> {
  const record = await options.store.getKey(options.keyId);
  if (!record || record.tenantId !== options.tenantId) return fail("key_not_found", `No key ${options.keyId} for tenant ${options.tenantId}.`);
  return { ok: true, record };
}

export async function setKeyStatus(
  options: StoreOptions & { tenantId: string; keyId: string; status: KeyRecord["status"] },
): Promise<AdminResult<{ view: PublicKeyView }>> {
  const found = await tenantKey(options);
  if (!found.ok) return found;
  // A revoked key stays revoked: resuming it would quietly undo an incident response.
  if (found.record.status === "revoked" && options.status !== "revoked") return fail("key_not_active", "A revoked key cannot be reactivated.");
  const record = withStatus(found.record, options.status);
  await options.store.putKey(record);
  return { ok: true, view: publicKeyView(record, options.now) };
}

export async function rotateTenantKey(
  options: StoreOptions & { tenantId: string; keyId: string; graceMs?: number },
): Promise<AdminResult<{ key: string; view: PublicKeyView; previous: PublicKeyView }>> {
  const { store, now } = options;
  const found = await tenantKey(options);
  if (!found.ok) return found;
  const rotated = await rotateKey({ old: found.record, now, graceMs: options.graceMs });
  if (!rotated.ok) {
    if (rotated.reason === "bad_grace") return fail("bad_grace", "graceSeconds must be an integer between 0 and 30 days.");
    if (rotated.reason === "already_rotated") return fail("key_already_rotated", `Key ${options.keyId} was already rotated.`);
    return fail("key_not_active", `Key ${options.keyId} is not active.`);
  }
  // The successor is written before the old key gets its deadline, so there is never a moment with neither working.
  await store.putKey(rotated.issued.record);
  await store.putKeyIds({ tenantId: options.tenantId, keyIds: [...(await store.listKeyIds(options.tenantId)), rotated.issued.record.id] });
  await store.putKey(rotated.previous);
  return { ok: true, key: rotated.issued.key, view: publicKeyView(rotated.issued.record, now), previous: publicKeyView(rotated.previous, now) };
}

export async function putLimits(options: { store: AdminStore; tenantId: string; limits: LimitsConfig }): Promise<AdminResult<{ tenant: TenantRecord }>> {
  const tenant = await options.store.getTenant(options.tenantId);
  if (!tenant) return fail("tenant_not_found", `No tenant ${options.tenantId}.`);
  const updated = { ...tenant, limits: options.limits };
  await options.store.putTenant(updated);
  return { ok: true, tenant: updated };
}
