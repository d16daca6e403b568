// Precision and recall per span type for a span-reporting detector on labelled cases. A reported span counts as
// correct when it overlaps a labelled span of the same type; a labelled span is found when some correct report
// overlaps it. Both counts are kept so duplicates or split reports do not inflate either figure.
import { DEFAULT_POLICY } from "../../shared/policy/schema";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import type { Detector, ScanContext } from "../../shared/screening/types";
import type { LabelledCase } from "./pii-secret-cases";

export interface SpanTypeMetrics {
  type: string;
  /** Labelled spans of this type. */
  support: number;
  /** Reports of this type. */
  reported: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface SpanEvaluation {
  byType: Record<string, SpanTypeMetrics>;
  /** Cases with no labelled span (of the evaluated types) where the detector still reported one. */
  negativeCasesFlagged: number;
  negativeCases: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

export async function evaluateSpans(
  detector: Detector,
  cases: readonly LabelledCase[],
  options: { types?: readonly string[]; context?: ScanContext; minScore?: number } = {},
): Promise<SpanEvaluation> {
  const { types, context = { direction: "input", policy: DEFAULT_POLICY }, minScore = 0.5 } = options;
  const inScope = (type: string): boolean => !types || types.includes(type);
  const stats = new Map<string, { support: number; found: number; reported: number; correct: number }>();
  const stat = (type: string) => {
    let s = stats.get(type);
    if (!s) stats.set(type, (s = { support: 0, found: 0, reported: 0, correct: 0 }));
    return s;
  };
  let negativeCases = 0;
  let negativeCasesFlagged = 0;
  for (const c of cases) {
    const gold = c.spans.filter((s) => inScope(s.type));
    const findings = await detector.scan(prepareScanInput(c.text), context);
    const predicted = findings
      .filter((f) => f.score >= minScore)
      .flatMap((f) => f.spans ?? [])
      .filter((s) => inScope(s.type));
    for (const g of gold) {
      const s = stat(g.type);
      s.support++;
      if (predicted.some((p) => p.type === g.type && overlaps(p, g))) s.found++;
    }
    for (const p of predicted) {
      const s = stat(p.type);
      s.reported++;
      if (gold.some((g) => g.type === p.type && overlaps(p, g))) s.correct++;
    }
    if (gold.length === 0) {
      negativeCases++;
      if (predicted.length > 0) negativeCasesFlagged++;
    }
  }
  const byType: Record<string, SpanTypeMetrics> = {};
  for (const [type, s] of [...stats].sort((a, b) => a[0].localeCompare(b[0]))) {
    byType[type] = {
      type,
      support: s.support,
      reported: s.reported,
      truePositives: s.found,
      falsePositives: s.reported - s.correct,
      falseNegatives: s.support - s.found,
      precision: s.reported === 0 ? 1 : s.correct / s.reported,
      recall: s.support === 0 ? 1 : s.found / s.support,
    };
  }
  return { byType, negativeCases, negativeCasesFlagged };
}

/** A markdown table of an evaluation, for reports. */
export function spanMetricsTable(evaluation: SpanEvaluation): string {
  const rows = Object.values(evaluation.byType).map(
    (m) => `| ${m.type} | ${m.support} | ${m.reported} | ${m.precision.toFixed(3)} | ${m.recall.toFixed(3)} |`,
  );
  return ["| type | labelled | reported | precision | recall |", "|---|---:|---:|---:|---:|", ...rows].join("\n");
}
