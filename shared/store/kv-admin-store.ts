// The admin API's read/write view of Workers KV (layout in docs/storage-schema.md). Reads go straight to KV, never
// through the gateway's in-isolate cache, so an admin sees its own writes (in the same location). Records are
// validated both ways: nothing malformed is written, and a malformed stored value reads as absent (fail closed).
import * as v from "valibot";
import { keyIdSchema } from "../config/schema";
import { parseValid, validate } from "../validation/validate";
import { KV_PREFIX } from "./kv-identity-store";
import {
  keyRecordSchema,
  policyVersionRecordSchema,
  tenantRecordSchema,
  type KeyRecord,
  type PolicyVersionRecord,
  type TenantRecord,
} from "./records";

/** The part of KVNamespace the admin store uses (a Map-backed fake satisfies it in Node tests). */
export type AdminKv = Pick<KVNamespace, "get" | "put" | "delete">;

export interface AdminStore {
  getTenant(tenantId: string): Promise<TenantRecord | null>;
  putTenant(record: TenantRecord): Promise<void>;
  deleteTenant(tenantId: string): Promise<void>;
  getKey(keyId: string): Promise<KeyRecord | null>;
  putKey(record: KeyRecord): Promise<void>;
  deleteKey(keyId: string): Promise<void>;
  /** The `tenant-keys:<tenantId>` index: every key id ever issued to the tenant and not deleted (empty = deleted). */
  listKeyIds(tenantId: string): Promise<string[]>;
  putKeyIds(options: { tenantId: string; keyIds: string[] }): Promise<void>;
  getPolicyVersion(options: { tenantId: string; version: number }): Promise<PolicyVersionRecord | null>;
  putPolicyVersion(record: PolicyVersionRecord): Promise<void>;
  deletePolicyVersion(options: { tenantId: string; version: number }): Promise<void>;
}

const keyIdsSchema = v.array(keyIdSchema);
const policyHistoryKey = (tenantId: string, version: number) => `${KV_PREFIX.policyHistory}${tenantId}:${version}`;

export function createKvAdminStore(kv: AdminKv): AdminStore {
  async function read<T>(key: string, schema: v.GenericSchema<unknown, T>): Promise<T | null> {
    const raw = await kv.get(key, "text");
    if (raw === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return null;
    }
    const parsed = validate(schema, json);
    return parsed.ok ? parsed.data : null;
  }
  const write = <T>(key: string, schema: v.GenericSchema<unknown, T>, value: T) => kv.put(key, JSON.stringify(parseValid(schema, value)));

  return {
    getTenant: (tenantId) => read(KV_PREFIX.tenant + tenantId, tenantRecordSchema),
    putTenant: (record) => write(KV_PREFIX.tenant + record.id, tenantRecordSchema, record),
    deleteTenant: (tenantId) => kv.delete(KV_PREFIX.tenant + tenantId),
    getKey: (keyId) => read(KV_PREFIX.key + keyId, keyRecordSchema),
    putKey: (record) => write(KV_PREFIX.key + record.id, keyRecordSchema, record),
    deleteKey: (keyId) => kv.delete(KV_PREFIX.key + keyId),
    async listKeyIds(tenantId) {
      const ids = await read(KV_PREFIX.tenantKeys + tenantId, keyIdsSchema);
      return ids ?? [];
    },
    putKeyIds: ({ tenantId, keyIds }) =>
      keyIds.length === 0 ? kv.delete(KV_PREFIX.tenantKeys + tenantId) : write(KV_PREFIX.tenantKeys + tenantId, keyIdsSchema, [...new Set(keyIds)]),
    getPolicyVersion: ({ tenantId, version }) => read(policyHistoryKey(tenantId, version), policyVersionRecordSchema),
    putPolicyVersion: (record) => write(policyHistoryKey(record.tenantId, record.version), policyVersionRecordSchema, record),
    deletePolicyVersion: ({ tenantId, version }) => kv.delete(policyHistoryKey(tenantId, version)),
  };
}
