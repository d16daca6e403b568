-- Audit records written by the Queue consumer (workers/audit-consumer). One row per request, keyed by request id so a
-- redelivered batch inserts nothing twice (INSERT OR IGNORE). Columns are what the admin summaries filter and group by;
-- the whole validated record is kept in record_json for after-the-fact explanation.
-- `time` is an ISO-8601 UTC string from Date#toISOString, so lexical order is time order.
-- `categories` is a comma list of acted-on (non-shadow) finding categories, empty when none.
CREATE TABLE IF NOT EXISTS audit_records (
  request_id  TEXT PRIMARY KEY,
  time        TEXT NOT NULL,
  tenant_id   TEXT,
  key_id      TEXT,
  end_user    TEXT,
  route       TEXT NOT NULL,
  model       TEXT,
  provider    TEXT,
  status      INTEGER NOT NULL,
  action      TEXT NOT NULL,
  categories  TEXT NOT NULL DEFAULT '',
  tokens_in   INTEGER,
  tokens_out  INTEGER,
  overhead_ms REAL,
  total_ms    REAL,
  record_json TEXT NOT NULL
);

-- Per-tenant time-range summaries (GET /admin/tenants/:id/usage?from=&to=).
CREATE INDEX IF NOT EXISTS audit_records_tenant_time ON audit_records (tenant_id, time);
-- Percentiles read overhead in order within a tenant's range.
CREATE INDEX IF NOT EXISTS audit_records_tenant_overhead ON audit_records (tenant_id, overhead_ms);
