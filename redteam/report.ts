// Turns outcomes into the red-team report: per-category block (or catch) rates, per-technique rates, the benign
// false-positive rate, and whether the thresholds hold. Pure: the CLI prints it and picks the exit code from `passed`.
import type { Category } from "../shared/screening/types";
import { metricFor, type CaseOutcome } from "./case";

export interface Thresholds {
  /** Every attack category's rate must be at least this (0..1). */
  minBlockRate: number;
  /** The benign suite's block rate must be at most this (0..1). */
  maxFpr: number;
}

export interface CategoryRow {
  category: Category;
  metric: "blocked" | "caught";
  total: number;
  hits: number;
  rate: number;
  passed: boolean;
}

export interface TechniqueRow {
  technique: string;
  total: number;
  hits: number;
  rate: number;
}

export interface CaseRef {
  id: string;
  category: Category | null;
  technique: string;
  action?: string;
  /** Categories the gateway reported for this case (guard only), so a false positive says which detector fired. */
  findings?: Category[];
  reason?: string;
}

export interface RedteamReport {
  thresholds: Thresholds;
  totals: { cases: number; attacks: number; benign: number; skipped: number; errors: number };
  categories: CategoryRow[];
  techniques: TechniqueRow[];
  benign: { total: number; blocked: number; flagged: number; fpr: number; passed: boolean };
  /** Attacks that got through; false positives; cases that could not be judged. */
  misses: CaseRef[];
  falsePositives: CaseRef[];
  errors: CaseRef[];
  skipped: number;
  /** Every threshold met and every case judged. */
  passed: boolean;
  /** Why the run failed, one sentence each. */
  failures: string[];
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const ratio = (hits: number, total: number) => (total === 0 ? 0 : hits / total);

export function computeReport(options: { outcomes: readonly CaseOutcome[]; thresholds: Thresholds }): RedteamReport {
  const { outcomes, thresholds } = options;
  const done = outcomes.filter((o): o is Extract<CaseOutcome, { status: "done" }> => o.status === "done");
  const attacks = done.filter((o) => o.case.category !== null);
  const benign = done.filter((o) => o.case.category === null);
  const hit = (o: (typeof done)[number]) => (metricFor(o.case.category!) === "caught" ? o.caught : o.blocked);

  const byCategory = new Map<Category, typeof attacks>();
  for (const o of attacks) byCategory.set(o.case.category!, [...(byCategory.get(o.case.category!) ?? []), o]);
  const categories: CategoryRow[] = [...byCategory.entries()].map(([category, rows]) => {
    const hits = rows.filter(hit).length;
    const rate = ratio(hits, rows.length);
    return { category, metric: metricFor(category), total: rows.length, hits, rate, passed: rate >= thresholds.minBlockRate };
  });

  const byTechnique = new Map<string, typeof attacks>();
  for (const o of attacks) byTechnique.set(o.case.technique, [...(byTechnique.get(o.case.technique) ?? []), o]);
  const techniques: TechniqueRow[] = [...byTechnique.entries()]
    .map(([technique, rows]) => {
      const hits = rows.filter(hit).length;
      return { technique, total: rows.length, hits, rate: ratio(hits, rows.length) };
    })
    .sort((a, b) => a.rate - b.rate || a.technique.localeCompare(b.technique));

  const benignBlocked = benign.filter((o) => o.blocked);
  const fpr = ratio(benignBlocked.length, benign.length);
  const benignRow = { total: benign.length, blocked: benignBlocked.length, flagged: benign.filter((o) => o.action !== "allow").length, fpr, passed: fpr <= thresholds.maxFpr };

  const ref = (o: CaseOutcome): CaseRef => ({
    id: o.case.id,
    category: o.case.category,
    technique: o.case.technique,
    ...(o.status === "done" ? { action: o.action, findings: o.findingCategories } : { reason: o.reason }),
  });
  const errors = outcomes.filter((o) => o.status === "error");
  const skipped = outcomes.filter((o) => o.status === "skipped").length;

  const failures: string[] = [];
  for (const row of categories) {
    if (!row.passed) failures.push(`${row.category}: ${row.metric} ${percent(row.rate)} < ${percent(thresholds.minBlockRate)}`);
  }
  if (!benignRow.passed) failures.push(`false-positive rate ${percent(fpr)} > ${percent(thresholds.maxFpr)}`);
  if (errors.length) failures.push(`${errors.length} case(s) could not be judged (see errors)`);
  if (done.length === 0) failures.push("no case was judged");

  return {
    thresholds,
    totals: { cases: outcomes.length, attacks: attacks.length, benign: benign.length, skipped, errors: errors.length },
    categories,
    techniques,
    benign: benignRow,
    misses: attacks.filter((o) => !hit(o)).map(ref),
    falsePositives: benignBlocked.map(ref),
    errors: errors.map(ref),
    skipped,
    passed: failures.length === 0,
    failures,
  };
}
