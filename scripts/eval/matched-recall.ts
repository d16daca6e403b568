// Compares classifier variants fairly: for one label, the threshold that gives each of several recalls on the corpus
// validation split, and at each what the held-out families score (benign: flagged; positive: recall). A training
// change that only moves the threshold rule to a lower recall looks better on everyday text at its own threshold
// without being a better model; at matched validation recall it does not (docs/classifiers.md, session 4).
// Run on each checkout: `npx tsx scripts/eval/matched-recall.ts [label]` (default harmful_request).
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { CLASSIFIER_LABELS, type ClassifierLabel } from "../../shared/screening/classifiers/linear-model";
import { normaliseForTraining } from "../train/training-normaliser";
import { isOwnRow, ownDataFiles, readJsonl, readTrainingRows, type LabelledRow } from "../train/training-rows";
import { createValidationSplit, splitTrainValidation } from "../train/validation-split";

export const RECALLS = [0.88, 0.9, 0.92, 0.93, 0.94];

export interface MatchedRow {
  recall: number;
  threshold: number;
  validationBenignFpr: number;
  /** Per held-out family with this label or none: share flagged for this label (recall for positive families). */
  families: Record<string, number>;
}

/** Corpus rows only: our own families' templated rows would make validation recall easy and incomparable. */
function corpusValidation(rows: readonly LabelledRow[]): LabelledRow[] {
  const split = createValidationSplit({ rows, normalise: normaliseForTraining });
  return splitTrainValidation({ rows, split }).validation.filter((row) => !isOwnRow(row));
}

export function matchedRecall(options: {
  label: ClassifierLabel;
  validation: readonly LabelledRow[];
  families: ReadonlyMap<string, readonly LabelledRow[]>;
  score?: (text: string) => number;
  recalls?: readonly number[];
}): MatchedRow[] {
  const { label, recalls = RECALLS } = options;
  const score = options.score ?? ((text: string) => classifyNormalised(normaliseForTraining(text))[label]);
  const positives = options.validation.filter((row) => row.labels.includes(label)).map((row) => score(row.text));
  const benign = options.validation.filter((row) => row.labels.length === 0).map((row) => score(row.text));
  if (positives.length === 0) throw new Error(`no validation rows labelled ${label}`);
  positives.sort((a, b) => b - a);
  const families = [...options.families].map(([name, rows]) => ({ name, scores: rows.map((row) => score(row.text)) }));
  const shareAtOrAbove = (scores: readonly number[], threshold: number) =>
    scores.length === 0 ? NaN : scores.filter((s) => s >= threshold).length / scores.length;
  return recalls.map((recall) => {
    const threshold = positives[Math.max(0, Math.ceil(recall * positives.length) - 1)];
    return {
      recall,
      threshold,
      validationBenignFpr: shareAtOrAbove(benign, threshold),
      families: Object.fromEntries(families.map((family) => [family.name, shareAtOrAbove(family.scores, threshold)])),
    };
  });
}

/** Held-out families that are benign or carry this label (others say nothing about it). */
function heldOutFamilies(label: ClassifierLabel): Map<string, LabelledRow[]> {
  const families = new Map<string, LabelledRow[]>();
  for (const path of ownDataFiles({ heldOut: true })) {
    for (const row of readJsonl(path)) {
      if (row.labels.length > 0 && !row.labels.includes(label)) continue;
      const name = `${basename(path, ".heldout.jsonl")} [${row.labels.length ? label : "benign"}]`;
      const family = families.get(name) ?? [];
      family.push(row);
      families.set(name, family);
    }
  }
  return families;
}

/** The table; families at 0% on every row are named below it instead of given a column. */
export function renderMatched(label: ClassifierLabel, rows: readonly MatchedRow[]): string {
  const all = Object.keys(rows[0]?.families ?? {});
  const names = all.filter((name) => rows.some((row) => row.families[name] > 0));
  const quiet = all.filter((name) => !names.includes(name));
  const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `${label} at matched validation recall (corpus rows; benign families: flagged, labelled families: recall)`,
    "",
    `| val recall | threshold | val benign FPR | ${names.join(" | ")} |`,
    `|---:|---:|---:|${names.map(() => "---:").join("|")}|`,
    ...rows.map((r) => `| ${r.recall} | ${r.threshold.toFixed(3)} | ${pct(r.validationBenignFpr)} | ${names.map((n) => pct(r.families[n])).join(" | ")} |`),
  ];
  if (quiet.length > 0) lines.push("", `0% on every row: ${quiet.join(", ")}`);
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const label = (process.argv[2] ?? "harmful_request") as ClassifierLabel;
  if (!CLASSIFIER_LABELS.includes(label)) throw new Error(`unknown label ${label}; one of ${CLASSIFIER_LABELS.join(", ")}`);
  const rows = matchedRecall({ label, validation: corpusValidation(readTrainingRows()), families: heldOutFamilies(label) });
  console.log(renderMatched(label, rows));
}
