// The learned classifier alone on the corpus test split's texts (issue 10's measure, goal <= 30 µs/KB), next to a
// one-pass loop over the same texts for scale: the eval's speed figures, as `npm run bench` rows.
import { join } from "node:path";
import { measureSpeed } from "../eval/classifier-eval";
import { CORPUS_DIR, readJsonl } from "../train/training-rows";

/** Fields in the bench table's column order: measure, texts, µs/KB, note. */
export interface ClassifierCorpusRow {
  measure: string;
  texts: number;
  usPerKb: number;
  note: string;
}

export async function benchClassifierCorpus(options: { limit?: number } = {}): Promise<ClassifierCorpusRow[]> {
  const texts = readJsonl(join(CORPUS_DIR, "test.jsonl")).slice(0, options.limit).map((row) => row.text);
  const speed = measureSpeed(texts);
  return [
    { measure: "classifier alone, corpus test texts: µs/KB", texts: texts.length, usPerKb: speed.classifierUsPerKb, note: "goal <= 30 (issue 10), in the machine's fast phase" },
    { measure: "the same, texts over 300 characters (line view runs): µs/KB", texts: speed.longTexts, usPerKb: speed.longTextsUsPerKb, note: "" },
    { measure: "one-pass charCodeAt loop over the same texts: µs/KB", texts: texts.length, usPerKb: speed.trivialLoopUsPerKb, note: "the machine's floor now: ~3 fast, ~6 slow" },
  ];
}
