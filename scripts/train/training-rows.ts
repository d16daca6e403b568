// Reading labelled JSONL rows (the shared corpus and our own data/); validation-split.ts carves the validation split.
// The corpus test split is never read here: it is for reporting only (scripts/eval).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CLASSIFIER_LABELS, type ClassifierLabel } from "../../shared/screening/classifiers/linear-model";

export interface LabelledRow {
  text: string;
  labels: ClassifierLabel[];
  direction: "input" | "output";
  source: string;
}

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;
export const CORPUS_DIR = join(REPO_ROOT, "../shared/datasets/corpus");
export const OWN_DATA_DIR = join(REPO_ROOT, "data");
/** Our own rows from these files are held out by template family: evaluation only, never training. */
export const HELD_OUT_SUFFIX = ".heldout.jsonl";

/** Rows we wrote (data/*.jsonl) as opposed to the shared corpus; thresholds treat them as their own benign group. */
export function isOwnRow(row: LabelledRow): boolean {
  return row.source.startsWith("edgeguard/");
}

/** BIPIA's documents in the corpus: contexts, and the same contexts with an attack planted. */
export function isBipiaRow(row: LabelledRow): boolean {
  return row.source.startsWith("microsoft/BIPIA");
}

export function parseJsonl(text: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const row = JSON.parse(line) as LabelledRow;
    for (const label of row.labels) {
      if (!CLASSIFIER_LABELS.includes(label)) throw new Error(`unknown label ${label}`);
    }
    rows.push(row);
  }
  return rows;
}

export function readJsonl(path: string): LabelledRow[] {
  return parseJsonl(readFileSync(path, "utf8"));
}

/** Our own data files, sorted by name so the row order (and so the training) is reproducible. */
export function ownDataFiles(options: { heldOut: boolean }): string[] {
  return readdirSync(OWN_DATA_DIR)
    .filter((name) => name.endsWith(".jsonl") && name.endsWith(HELD_OUT_SUFFIX) === options.heldOut)
    .sort()
    .map((name) => join(OWN_DATA_DIR, name));
}

export function readTrainingRows(): LabelledRow[] {
  const corpus = readJsonl(join(CORPUS_DIR, "train.jsonl"));
  const own = ownDataFiles({ heldOut: false }).flatMap((path) => readJsonl(path));
  return [...corpus, ...own];
}

export function lengthBucket(text: string): number {
  const n = text.length;
  return n < 100 ? 0 : n < 500 ? 1 : n < 2000 ? 2 : 3;
}

export const BIPIA_DIR = join(REPO_ROOT, "../shared/datasets/raw/microsoft__BIPIA/benchmark");

/**
 * BIPIA's *train* attack instructions (text and code), in file order. Only the train files: the corpus test split's
 * poisoned documents carry the test attacks. Used by the line view only, never as standalone whole-text rows (as
 * user input, "What is the capital of Brazil?" is benign).
 */
export function readBipiaTrainAttacks(): string[] {
  return ["text_attack_train.json", "code_attack_train.json"].flatMap((file) => {
    const byCategory = JSON.parse(readFileSync(join(BIPIA_DIR, file), "utf8")) as Record<string, string[]>;
    return Object.values(byCategory).flat();
  });
}
