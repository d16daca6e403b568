// Re-pins shared/screening/classifiers/pinned-scores.json after a retrain: the same varied texts (plus tables with and
// without a planted line, for the line view's table context), scored by the freshly written model. The pins guard the
// serving code: classifier-speed.test.ts checks every later speed change reproduces them bit for bit.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { normaliseForTraining } from "./training-normaliser";
import { OWN_DATA_DIR, readJsonl, REPO_ROOT } from "./training-rows";

export const PINNED_SCORES_PATH = join(REPO_ROOT, "shared/screening/classifiers/pinned-scores.json");
const TABLE_CASES = 6;

export function pinScores(): number {
  const pinned = JSON.parse(readFileSync(PINNED_SCORES_PATH, "utf8")) as { cases: { normalised: string }[] };
  const texts = new Set(pinned.cases.map((c) => c.normalised));
  for (const file of ["benign-documents.heldout.jsonl", "injection-document-task.heldout.jsonl"]) {
    const tables = readJsonl(join(OWN_DATA_DIR, file)).filter((row) => row.text.includes("| "));
    for (const row of tables.slice(0, TABLE_CASES / 2)) texts.add(normaliseForTraining(row.text));
  }
  const cases = [...texts].map((normalised) => ({ normalised, scores: classifyNormalised(normalised) }));
  const note =
    "Scores of the committed model, pinned by `npm run train` (scripts/train/pin-scores.ts); " +
    "classifier-speed.test.ts checks serving reproduces them bit for bit.";
  writeFileSync(PINNED_SCORES_PATH, JSON.stringify({ note, cases }));
  return cases.length;
}
