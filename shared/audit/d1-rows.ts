// How an audit record becomes a row of `audit_records` (migrations/0001_audit.sql). Pure mapping plus the one
// INSERT statement, shared by the Queue consumer and tests, so the column list is written down once.
import type { AuditRecord } from "./record";
import { recordCategories } from "./record-facts";

export const AUDIT_TABLE = "audit_records";

export interface AuditRow {
  request_id: string;
  time: string;
  tenant_id: string | null;
  key_id: string | null;
  end_user: string | null;
  route: string;
  model: string | null;
  provider: string | null;
  status: number;
  action: string;
  categories: string;
  tokens_in: number | null;
  tokens_out: number | null;
  overhead_ms: number | null;
  total_ms: number | null;
  record_json: string;
}

const COLUMNS = [
  "request_id", "time", "tenant_id", "key_id", "end_user", "route", "model", "provider", "status", "action",
  "categories", "tokens_in", "tokens_out", "overhead_ms", "total_ms", "record_json",
] as const satisfies ReadonlyArray<keyof AuditRow>;

/** INSERT OR IGNORE: a redelivered message (Queues are at-least-once) leaves the first row untouched. */
const INSERT_SQL = `INSERT OR IGNORE INTO ${AUDIT_TABLE} (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`;

export function toAuditRow(record: AuditRecord): AuditRow {
  return {
    request_id: record.requestId,
    // Normalised so lexical order is time order whatever offset the producer wrote.
    time: new Date(record.time).toISOString(),
    tenant_id: record.tenantId ?? null,
    key_id: record.keyId ?? null,
    end_user: record.endUser ?? null,
    route: record.route,
    model: record.model ?? null,
    provider: record.provider ?? null,
    status: record.status,
    action: record.action,
    categories: recordCategories(record).join(","),
    tokens_in: record.tokens.input ?? null,
    tokens_out: record.tokens.output ?? null,
    overhead_ms: record.latencyMs.overhead ?? null,
    total_ms: record.latencyMs.total ?? null,
    record_json: JSON.stringify(record),
  };
}

export function insertAuditStatement(options: { db: D1Database; record: AuditRecord }): D1PreparedStatement {
  const row = toAuditRow(options.record);
  return options.db.prepare(INSERT_SQL).bind(...COLUMNS.map((column) => row[column]));
}
