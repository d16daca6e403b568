// Per-tenant usage and block summaries over a time range [from, to): the admin API's
// `GET /admin/tenants/:id/usage?from=&to=`. `summariseUsage` asks D1 (Workers); `summariseRecords` computes the same
// summary from records in memory (Node, tests), so both deployments answer with one shape and one definition.
// Percentiles are nearest-rank: SQLite has no percentile function, so D1 reads exactly one ordered row per
// percentile (LIMIT 1 OFFSET rank-1) instead of pulling every overhead into the Worker.
import { CATEGORIES, type Category } from "../screening/types";
import { AUDIT_TABLE } from "./d1-rows";
import type { AuditRecord } from "./record";
import { recordCategories } from "./record-facts";

export interface UsageSummary {
  tenantId: string;
  /** Inclusive start, ISO-8601 UTC. */
  from: string;
  /** Exclusive end, ISO-8601 UTC. */
  to: string;
  requests: number;
  /** Requests whose final action was block (prompt or answer). */
  blocked: number;
  /** Requests per final action: allow, flag, redact, block, error. Actions with no requests are absent. */
  byAction: Record<string, number>;
  /** Requests with at least one acted-on (non-shadow) finding of the category. */
  byCategory: Partial<Record<Category, number>>;
  /** Blocked requests with at least one acted-on finding of the category. */
  blockedByCategory: Partial<Record<Category, number>>;
  tokens: { input: number; output: number };
  /** Gateway overhead percentiles over requests that recorded one; null when none did. */
  overheadMs: { p50: number | null; p95: number | null; samples: number };
}

export interface SummaryRange {
  tenantId: string;
  from: string | Date;
  to: string | Date;
}

const PERCENTILES = { p50: 0.5, p95: 0.95 } as const;

/** 1-based nearest rank of quantile q among n sorted values. */
export function nearestRank(options: { q: number; n: number }): number {
  return Math.min(options.n, Math.max(1, Math.ceil(options.q * options.n)));
}

function normaliseRange(range: SummaryRange): { tenantId: string; from: string; to: string } {
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError("from and to must be dates");
  if (from > to) throw new RangeError("from must not be after to");
  return { tenantId: range.tenantId, from: from.toISOString(), to: to.toISOString() };
}

function emptySummary(range: { tenantId: string; from: string; to: string }): UsageSummary {
  return {
    ...range,
    requests: 0,
    blocked: 0,
    byAction: {},
    byCategory: {},
    blockedByCategory: {},
    tokens: { input: 0, output: 0 },
    overheadMs: { p50: null, p95: null, samples: 0 },
  };
}

/** Same definition as the SQL below, over records in memory. */
export function summariseRecords(options: SummaryRange & { records: Iterable<AuditRecord> }): UsageSummary {
  const range = normaliseRange(options);
  const summary = emptySummary(range);
  const overheads: number[] = [];
  for (const record of options.records) {
    const time = new Date(record.time).toISOString();
    if (record.tenantId !== range.tenantId || time < range.from || time >= range.to) continue;
    summary.requests++;
    const blocked = record.action === "block";
    if (blocked) summary.blocked++;
    summary.byAction[record.action] = (summary.byAction[record.action] ?? 0) + 1;
    for (const category of recordCategories(record)) {
      summary.byCategory[category] = (summary.byCategory[category] ?? 0) + 1;
      if (blocked) summary.blockedByCategory[category] = (summary.blockedByCategory[category] ?? 0) + 1;
    }
    summary.tokens.input += record.tokens.input ?? 0;
    summary.tokens.output += record.tokens.output ?? 0;
    if (record.latencyMs.overhead !== undefined) overheads.push(record.latencyMs.overhead);
  }
  overheads.sort((a, b) => a - b);
  summary.overheadMs.samples = overheads.length;
  if (overheads.length) {
    for (const [name, q] of Object.entries(PERCENTILES) as Array<[keyof typeof PERCENTILES, number]>) {
      summary.overheadMs[name] = overheads[nearestRank({ q, n: overheads.length }) - 1];
    }
  }
  return summary;
}

const RANGE_WHERE = "tenant_id = ?1 AND time >= ?2 AND time < ?3";
// Category names are fixed identifiers (CATEGORIES), never user input, so they are safe to inline as literals.
const hasCategory = (category: Category) => `instr(',' || categories || ',', ',${category},') > 0`;
const TOTALS_SQL = `SELECT COUNT(*) AS requests, SUM(action = 'block') AS blocked,
  SUM(COALESCE(tokens_in, 0)) AS tokens_in, SUM(COALESCE(tokens_out, 0)) AS tokens_out,
  COUNT(overhead_ms) AS overhead_samples,
  ${CATEGORIES.map((category, i) => `SUM(${hasCategory(category)}) AS c${i}, SUM(action = 'block' AND ${hasCategory(category)}) AS b${i}`).join(",\n  ")}
  FROM ${AUDIT_TABLE} WHERE ${RANGE_WHERE}`;
const BY_ACTION_SQL = `SELECT action, COUNT(*) AS n FROM ${AUDIT_TABLE} WHERE ${RANGE_WHERE} GROUP BY action`;
const OVERHEAD_AT_RANK_SQL = `SELECT overhead_ms FROM ${AUDIT_TABLE} WHERE ${RANGE_WHERE} AND overhead_ms IS NOT NULL
  ORDER BY overhead_ms LIMIT 1 OFFSET ?4`;

/** The summary from D1 in two round trips: totals and actions in one batch, then one row per percentile. */
export async function summariseUsage(options: SummaryRange & { db: D1Database }): Promise<UsageSummary> {
  const range = normaliseRange(options);
  const { db } = options;
  const bind = [range.tenantId, range.from, range.to] as const;
  const [totals, actions] = await db.batch<Record<string, unknown>>([
    db.prepare(TOTALS_SQL).bind(...bind),
    db.prepare(BY_ACTION_SQL).bind(...bind),
  ]);
  const row = totals.results[0] ?? {};
  const count = (column: string) => Number(row[column] ?? 0);
  const summary = emptySummary(range);
  summary.requests = count("requests");
  summary.blocked = count("blocked");
  summary.tokens = { input: count("tokens_in"), output: count("tokens_out") };
  CATEGORIES.forEach((category, i) => {
    if (count(`c${i}`) > 0) summary.byCategory[category] = count(`c${i}`);
    if (count(`b${i}`) > 0) summary.blockedByCategory[category] = count(`b${i}`);
  });
  for (const { action, n } of actions.results as Array<{ action: string; n: number }>) summary.byAction[action] = Number(n);

  const samples = count("overhead_samples");
  summary.overheadMs.samples = samples;
  if (samples > 0) {
    const names = Object.keys(PERCENTILES) as Array<keyof typeof PERCENTILES>;
    const results = await db.batch<{ overhead_ms: number }>(
      names.map((name) => db.prepare(OVERHEAD_AT_RANK_SQL).bind(...bind, nearestRank({ q: PERCENTILES[name], n: samples }) - 1)),
    );
    names.forEach((name, i) => (summary.overheadMs[name] = results[i].results[0]?.overhead_ms ?? null));
  }
  return summary;
}
