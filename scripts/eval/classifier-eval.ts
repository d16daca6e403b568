// Evaluates a classifier (the shipped one by default) at its recommended thresholds: per-label precision/recall/F1/FPR
// on the corpus test split (reporting only), the 500+ character slice, XSTest safe prompts, per source, our held-out
// own data, and inference cost. Run: `npx tsx scripts/eval/classifier-eval.ts [--speed-only N]` (markdown tables;
// --speed-only prints N JSON speed samples, for a shared machine where the quietest sample is the figure).
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { CLASSIFIER_LABELS, type ClassifierLabel, type ClassifierScores } from "../../shared/screening/classifiers/linear-model";
import { CLASSIFIER_METADATA } from "../../shared/screening/models/classifier-model";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import { loadavg } from "node:os";
import { CORPUS_DIR, ownDataFiles, readJsonl, type LabelledRow } from "../train/training-rows";

type Metric = ClassifierLabel | "attack";
const ATTACK: ClassifierLabel[] = ["prompt_injection", "jailbreak"];

interface Scored {
  row: LabelledRow;
  flagged: Set<ClassifierLabel>;
}

export interface LabelMetrics {
  metric: Metric;
  positives: number;
  precision: number;
  recall: number;
  f1: number;
  benignFpr: number;
}

export interface ClassifierEvaluation {
  overall: LabelMetrics[];
  long: LabelMetrics[];
  xstestSafeFpr: { rows: number; anyFlagged: number; perLabel: Record<ClassifierLabel, number> };
  perSource: { source: string; rows: number; label: string; rate: number; meaning: string }[];
  heldOut: { file: string; rows: number; label: string; rate: number; meaning: string }[];
  speed: SpeedFigures;
}

/** What is evaluated: a scorer over normalised text and the thresholds it is judged at. */
export interface EvaluatedClassifier {
  classify: (normalised: string) => ClassifierScores;
  thresholds: ClassifierScores;
}

export const SHIPPED: EvaluatedClassifier = {
  classify: classifyNormalised,
  thresholds: Object.fromEntries(CLASSIFIER_METADATA.heads.map((head) => [head.label, head.recommendedThreshold])) as ClassifierScores,
};

function isPositive(row: LabelledRow, metric: Metric): boolean {
  return metric === "attack" ? row.labels.some((l) => ATTACK.includes(l)) : row.labels.includes(metric);
}

function isFlagged(item: Scored, metric: Metric): boolean {
  return metric === "attack" ? ATTACK.some((l) => item.flagged.has(l)) : item.flagged.has(metric);
}

export function score(rows: readonly LabelledRow[], classifier: EvaluatedClassifier = SHIPPED): Scored[] {
  return rows.map((row) => {
    const scores = classifier.classify(prepareScanInput(row.text).normalised);
    return { row, flagged: new Set(CLASSIFIER_LABELS.filter((label) => scores[label] >= classifier.thresholds[label])) };
  });
}

export function metricsFor(items: readonly Scored[], metric: Metric): LabelMetrics {
  let tp = 0, fp = 0, fn = 0, benign = 0, benignFlagged = 0;
  for (const item of items) {
    const positive = isPositive(item.row, metric);
    const flagged = isFlagged(item, metric);
    if (positive && flagged) tp++;
    if (!positive && flagged) fp++;
    if (positive && !flagged) fn++;
    if (item.row.labels.length === 0) {
      benign++;
      if (flagged) benignFlagged++;
    }
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : NaN;
  const recall = tp + fn > 0 ? tp / (tp + fn) : NaN;
  return {
    metric, positives: tp + fn, precision, recall, f1: (2 * precision * recall) / (precision + recall),
    benignFpr: benign > 0 ? benignFlagged / benign : NaN,
  };
}

/** For a group of rows: recall of its (single) label if it has positives, else the benign rate flagged for anything. */
function groupRate(items: readonly Scored[]): { label: string; rate: number; meaning: string } {
  const labels = [...new Set(items.flatMap((item) => item.row.labels))];
  if (labels.length === 0) {
    return { label: "benign", rate: items.filter((i) => i.flagged.size > 0).length / items.length, meaning: "flagged (any label)" };
  }
  const label = labels.join("+");
  const positives = items.filter((i) => i.row.labels.length > 0);
  const caught = positives.filter((i) => i.row.labels.some((l) => i.flagged.has(l) || (ATTACK.includes(l) && ATTACK.some((a) => i.flagged.has(a)))));
  return { label, rate: caught.length / positives.length, meaning: "recall (attack = injection or jailbreak)" };
}

function groupBy(items: readonly Scored[], key: (item: Scored) => string): Map<string, Scored[]> {
  const groups = new Map<string, Scored[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

export interface SpeedFigures {
  /** Best of several passes (the least disturbed by other processes on a shared machine). */
  classifierUsPerKb: number;
  withNormaliseUsPerKb: number;
  /** Texts over 300 characters only, where the line view runs. */
  longTextsUsPerKb: number;
  /** How many texts that is (normalised length over 300). */
  longTexts: number;
  /** A one-pass charCodeAt loop over the same text: the machine's floor at that moment, for scale. */
  trivialLoopUsPerKb: number;
  loadAverage: number;
}

function bestOf(passes: number, run: () => void): number {
  let best = Infinity;
  for (let p = 0; p < passes; p++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export function measureSpeed(texts: readonly string[], classifier: EvaluatedClassifier = SHIPPED): SpeedFigures {
  const normalised = texts.map((text) => prepareScanInput(text).normalised);
  const long = normalised.filter((text) => text.length > 300);
  const kbOf = (items: readonly string[]) => items.reduce((sum, t) => sum + t.length, 0) / 1024;
  const kb = kbOf(texts);
  for (const text of normalised.slice(0, 300)) classifier.classify(text); // warm up the JIT
  const usPerKb = (ms: number, size: number) => (ms * 1000) / size;
  let sink = 0;
  const trivialLoop = () => {
    for (const t of normalised) for (let i = 0; i < t.length; i++) sink = (sink + t.charCodeAt(i)) | 0;
  };
  // Warmed like the classifier: on a busy machine the optimised loop can arrive after all five timed passes, and the
  // floor then read ~20x too high (44 µs/KB against the classifier's 42, in one run).
  for (let i = 0; i < 10; i++) trivialLoop();
  return {
    classifierUsPerKb: usPerKb(bestOf(5, () => normalised.forEach((t) => classifier.classify(t))), kbOf(normalised)),
    withNormaliseUsPerKb: usPerKb(bestOf(3, () => texts.forEach((t) => classifier.classify(prepareScanInput(t).normalised))), kb),
    longTextsUsPerKb: usPerKb(bestOf(5, () => long.forEach((t) => classifier.classify(t))), kbOf(long)),
    longTexts: long.length,
    trivialLoopUsPerKb: usPerKb(bestOf(5, trivialLoop), kbOf(normalised)) + (sink & 0),
    loadAverage: loadavg()[0],
  };
}

export function evaluateClassifier(
  options: { testRows?: readonly LabelledRow[]; classifier?: EvaluatedClassifier } = {},
): ClassifierEvaluation {
  const classifier = options.classifier ?? SHIPPED;
  const testRows = options.testRows ?? readJsonl(join(CORPUS_DIR, "test.jsonl"));
  const items = score(testRows, classifier);
  const metrics: Metric[] = [...CLASSIFIER_LABELS, "attack"];
  const long = items.filter((i) => i.row.text.length >= 500);
  const xstest = items.filter((i) => i.row.source.startsWith("paul-rottger/") && i.row.labels.length === 0 && i.row.direction === "input");
  const perLabel = Object.fromEntries(
    CLASSIFIER_LABELS.map((l) => [l, xstest.filter((i) => i.flagged.has(l)).length / xstest.length]),
  ) as Record<ClassifierLabel, number>;
  const bySource = groupBy(items, (i) => `${i.row.source.split(":")[0]} [${i.row.labels.join("+") || "benign"}] ${i.row.direction}`);
  const heldOutItems = score(ownDataFiles({ heldOut: true }).flatMap((path) => readJsonl(path)), classifier);
  const byFile = groupBy(heldOutItems, (i) => `${basename(i.row.source.split(":")[1])} [${i.row.labels.join("+") || "benign"}]`);
  return {
    overall: metrics.map((m) => metricsFor(items, m)),
    long: ["prompt_injection", "jailbreak", "attack"].map((m) => metricsFor(long, m as Metric)),
    xstestSafeFpr: { rows: xstest.length, anyFlagged: xstest.filter((i) => i.flagged.size > 0).length / xstest.length, perLabel },
    perSource: [...bySource].sort().map(([source, group]) => ({ source, rows: group.length, ...groupRate(group) })),
    heldOut: [...byFile].sort().map(([file, group]) => ({ file, rows: group.length, ...groupRate(group) })),
    speed: measureSpeed(testRows.map((row) => row.text), classifier),
  };
}

const f = (x: number): string => (Number.isNaN(x) ? "n/a" : x.toFixed(3));

export function renderEvaluation(evaluation: ClassifierEvaluation, classifier: EvaluatedClassifier = SHIPPED): string {
  const thresholds = classifier.thresholds;
  const metricTable = (rows: LabelMetrics[]) => [
    "| label | positives | precision | recall | F1 | benign FPR |", "|---|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.metric} | ${r.positives} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} | ${f(r.benignFpr)} |`),
  ];
  const x = evaluation.xstestSafeFpr;
  return [
    "Thresholds: " + CLASSIFIER_LABELS.map((l) => `${l} ${thresholds[l]}`).join(", "),
    "", "### corpus test split, all rows", "", ...metricTable(evaluation.overall),
    "", "### rows of 500+ characters", "", ...metricTable(evaluation.long),
    "", `### XSTest safe prompts (${x.rows} rows)`, "",
    `flagged for any label: ${f(x.anyFlagged)}; ` + CLASSIFIER_LABELS.map((l) => `${l} ${f(x.perLabel[l])}`).join(", "),
    "", "### per source (test split)", "", "| source [labels] direction | rows | rate | rate means |", "|---|---:|---:|---|",
    ...evaluation.perSource.map((s) => `| ${s.source} | ${s.rows} | ${f(s.rate)} | ${s.meaning} |`),
    "", "### our held-out template families (data/*.heldout.jsonl)", "", "| file [labels] | rows | rate | rate means |", "|---|---:|---:|---|",
    ...evaluation.heldOut.map((s) => `| ${s.file} | ${s.rows} | ${f(s.rate)} | ${s.meaning} |`),
    "", "### inference cost (best of several passes over the test split)", "",
    `classifier only: ${evaluation.speed.classifierUsPerKb.toFixed(1)} us/KB; texts over 300 characters (line view ` +
      `runs): ${evaluation.speed.longTextsUsPerKb.toFixed(1)} us/KB; with prepareScanInput normalisation: ` +
      `${evaluation.speed.withNormaliseUsPerKb.toFixed(1)} us/KB; trivial one-pass loop: ` +
      `${evaluation.speed.trivialLoopUsPerKb.toFixed(2)} us/KB; load average ${evaluation.speed.loadAverage.toFixed(2)}`,
  ].join("\n");
}

function main(): void {
  const classifier = SHIPPED;
  if (process.argv.includes("--speed-only")) {
    // Inference cost only, N samples (the machine is shared: keep the quietest). No labels are read.
    const texts = readJsonl(join(CORPUS_DIR, "test.jsonl")).map((row) => row.text);
    const samples = Number(process.argv[process.argv.indexOf("--speed-only") + 1]) || 1;
    for (let i = 0; i < samples; i++) console.log(JSON.stringify(measureSpeed(texts, classifier)));
  } else {
    console.log(renderEvaluation(evaluateClassifier({ classifier }), classifier));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
