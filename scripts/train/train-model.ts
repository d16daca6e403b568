// The whole training pipeline as one deterministic function: rows in, serialisable model (and validation figures) out.
// Calibration and thresholds use the int8 model exactly as it ships, on the validation split carved from train.
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from "../../shared/screening/classifiers/feature-hashing";
import {
  CLASSIFIER_LABELS, marginsOf, sigmoid, type ClassifierLabel, type DecodedModel, type SerialisedHead, type SerialisedModel,
} from "../../shared/screening/classifiers/linear-model";
import { fitPlatt, rocAuc, thresholdForFpr } from "./calibration";
import { buildFeatureMatrix } from "./feature-matrix";
import { trainHeads, type FtrlOptions } from "./ftrl-trainer";
import { buildHeadTasks, targetFor, type TaskWeighting } from "./head-tasks";
import { base64Of, quantiseHeads, sha256Hex } from "./model-writer";
import { NORMALISER_ID, normaliseForTraining } from "./training-normaliser";
import { splitTrainValidation, type LabelledRow } from "./training-rows";

export const DEFAULT_TARGET_FPR: Record<ClassifierLabel, number> = {
  prompt_injection: 0.01,
  jailbreak: 0.01,
  harmful_request: 0.01,
  toxicity: 0.05,
};

export interface TrainOptions {
  rows: readonly LabelledRow[];
  feature?: FeatureConfig;
  ftrl?: Partial<FtrlOptions>;
  weighting?: TaskWeighting;
  targetFpr?: Record<ClassifierLabel, number>;
}

export interface HeadValidation {
  label: ClassifierLabel;
  positives: number;
  benign: number;
  auc: number;
  /** AUC on rows of 500+ characters only (the length-confound check). */
  aucLong: number;
  threshold: number;
  recall: number;
  benignFpr: number;
}

export interface TrainResult {
  model: SerialisedModel;
  validation: HeadValidation[];
  trainRows: number;
  validationRows: number;
}

export function trainModel(options: TrainOptions): TrainResult {
  const feature = options.feature ?? DEFAULT_FEATURE_CONFIG;
  const targetFpr = options.targetFpr ?? DEFAULT_TARGET_FPR;
  const { train, validation } = splitTrainValidation([...options.rows]);
  const matrix = buildFeatureMatrix({ texts: train.map((row) => row.text), feature, normalise: normaliseForTraining });
  const tasks = buildHeadTasks({ rows: train, weighting: options.weighting });
  const trained = trainHeads({ matrix, dimensions: 1 << feature.bits, tasks, ftrl: options.ftrl });
  const quantised = quantiseHeads(trained);

  const provisionalHeads: SerialisedHead[] = CLASSIFIER_LABELS.map((label, h) => ({
    label, bias: trained[h].bias, scale: quantised.scales[h], platt: { a: 1, b: 0 }, recommendedThreshold: 0.5,
    targetBenignFpr: targetFpr[label],
  }));
  const decoded: DecodedModel = { feature, heads: provisionalHeads, weights: quantised.bytes };
  const margins = validation.map((row) => marginsOf(decoded, normaliseForTraining(row.text)));

  const heads: SerialisedHead[] = [];
  const summaries: HeadValidation[] = [];
  CLASSIFIER_LABELS.forEach((label, h) => {
    const used = validation.map((row, r) => ({ row, r, target: targetFor(row, label) })).filter((x) => x.target >= 0);
    const platt = fitPlatt({ margins: used.map((x) => margins[x.r][h]), targets: used.map((x) => x.target) });
    const score = (r: number): number => sigmoid(platt.a * margins[r][h] + platt.b);
    const benign = used.filter((x) => x.row.labels.length === 0);
    const threshold = thresholdForFpr({ benignScores: benign.map((x) => score(x.r)), targetFpr: targetFpr[label] });
    const positives = used.filter((x) => x.target === 1);
    const long = used.filter((x) => x.row.text.length >= 500);
    heads.push({ ...provisionalHeads[h], platt, recommendedThreshold: threshold });
    summaries.push({
      label,
      positives: positives.length,
      benign: benign.length,
      auc: rocAuc({ scores: used.map((x) => score(x.r)), targets: used.map((x) => x.target) }),
      aucLong: rocAuc({ scores: long.map((x) => score(x.r)), targets: long.map((x) => x.target) }),
      threshold,
      recall: positives.filter((x) => score(x.r) >= threshold).length / Math.max(positives.length, 1),
      benignFpr: benign.filter((x) => score(x.r) >= threshold).length / Math.max(benign.length, 1),
    });
  });

  const model: SerialisedModel = {
    formatVersion: 1,
    normaliser: NORMALISER_ID,
    feature,
    heads,
    weightsSha256: sha256Hex(quantised.bytes),
    weightsBase64: base64Of(quantised.bytes),
  };
  return { model, validation: summaries, trainRows: train.length, validationRows: validation.length };
}
