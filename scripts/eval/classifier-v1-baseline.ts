// The first iteration's classifier (v1), rebuilt in memory for the v1-vs-v2 table: its weights were generated, never
// committed, and v2 replaced the file. Same trainer with v1's settings (char 3-5-grams, no window view, no own-benign
// weighting or threshold group) on the v1 data files; the rebuild is checked against v1's recorded weights digest,
// and thresholds, so the comparison is with exactly the model v1 shipped.
import { join } from "node:path";
import { decodeModel, scoreText } from "../../shared/screening/classifiers/linear-model";
import { trainModel } from "../train/train-model";
import { DEFAULT_WEIGHTING } from "../train/head-tasks";
import { CORPUS_DIR, OWN_DATA_DIR, readJsonl } from "../train/training-rows";
import type { ClassifierScores } from "../../shared/screening/classifiers/linear-model";
import type { EvaluatedClassifier } from "./classifier-eval";

/** weightsSha256 of the v1 model (docs/classifiers.md, first iteration). */
export const V1_WEIGHTS_SHA256 = "ffb8da65c398a28e299f4162602e8ef36d76113c5f63dd4c573461317ed0171c";

/** v1's recommended thresholds, as its generated module recorded them. */
export const V1_THRESHOLDS: ClassifierScores = { prompt_injection: 0.888, jailbreak: 0.4882, harmful_request: 0.7877, toxicity: 0.3671 };

/** The data files v1 trained on (v2 only appended new files; these regenerate byte-identical). */
export const V1_OWN_FILES = [
  "benign-hard-negatives.jsonl", "benign-long-documents.jsonl", "injection-direct.jsonl", "injection-indirect.jsonl",
  "injection-obfuscated.jsonl", "jailbreak.jsonl", "multilingual.jsonl",
];

export function rebuildV1Classifier(): EvaluatedClassifier {
  const rows = [
    ...readJsonl(join(CORPUS_DIR, "train.jsonl")),
    ...V1_OWN_FILES.flatMap((file) => readJsonl(join(OWN_DATA_DIR, file))),
  ];
  const { model } = trainModel({
    rows, feature: { bits: 16 }, window: false, ownBenignFpr: 1, weighting: { ...DEFAULT_WEIGHTING, ownBenignWeight: 1 },
  });
  if (model.weightsSha256 !== V1_WEIGHTS_SHA256) {
    throw new Error(`v1 rebuild differs from v1 (${model.weightsSha256}): the comparison would not be with v1`);
  }
  const thresholds = Object.fromEntries(model.heads.map((head) => [head.label, head.recommendedThreshold])) as ClassifierScores;
  if (JSON.stringify(thresholds) !== JSON.stringify(V1_THRESHOLDS)) {
    throw new Error(`v1 rebuild thresholds differ from v1: ${JSON.stringify(thresholds)}`);
  }
  const decoded = decodeModel(model);
  return { classify: (normalised) => scoreText(decoded, normalised), thresholds };
}
