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
import type { LabelledRow } from "./training-rows";
import { trainWindowHead, type WindowValidation } from "./train-window-head";
import { createValidationSplit, splitTrainValidation } from "./validation-split";
import { bestWindowScore } from "../../shared/screening/classifiers/window-head";
import type { WindowOptions } from "../../shared/screening/classifiers/text-windows";

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
  /**
   * FPR cap on our own benign validation rows (greetings, trigger words, e-mails…), applied on top of targetFpr.
   * 1 disables it: v1's behaviour, one threshold over all benign rows together.
   */
  ownBenignFpr?: number;
  /**
   * The injection head's window view: BIPIA *train* attack strings and windowing options, or false for a
   * whole-text-only (format 1) model.
   */
  window?: false | {
    bipiaAttacks: readonly string[];
    /** Defaults to DEFAULT_WINDOW_FEATURE. */
    feature?: FeatureConfig;
    windowing?: WindowOptions;
    targetFpr?: number;
    ftrl?: Partial<FtrlOptions>;
  };
}

/**
 * v2 features. Whole-text heads: char 3-4-grams + words (v1 had 3-5): on validation within a row or two of 3-5 on
 * every head, with a third fewer emissions. 2^17 buckets measured no better than 2^16. Window head: char 4-grams +
 * words, a third of the emissions again (recall 0.946 vs 0.949 with 3-5-grams; words alone dropped to 0.926).
 * normPseudoCount 48 keeps one n-gram from deciding a one-word text (the mock provider's "Echo: fallback" scored
 * toxicity 0.43 without it, 0.28 with it); validation recall moved by at most 0.015 on any head (harmful up).
 */
export const SHIPPED_FEATURE: FeatureConfig = { bits: DEFAULT_FEATURE_CONFIG.bits, minGram: 3, maxGram: 4, normPseudoCount: 48 };
export const DEFAULT_WINDOW_FEATURE: FeatureConfig = { bits: DEFAULT_FEATURE_CONFIG.bits, minGram: 4, maxGram: 4 };

/** Our own benign families must stay under this FPR too, whatever the corpus target: they are what real users send. */
export const DEFAULT_OWN_BENIGN_FPR = 0.01;

/** Rows we wrote (data/*.jsonl) as opposed to the shared corpus; thresholds treat them as their own benign group. */
export function isOwnRow(row: LabelledRow): boolean {
  return row.source.startsWith("edgeguard/");
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
  /** FPR on our own benign validation rows alone (a subset of the benign rows above). */
  ownBenignFpr: number;
}

export interface TrainResult {
  model: SerialisedModel;
  validation: HeadValidation[];
  window?: WindowValidation;
  trainRows: number;
  validationRows: number;
}

/** Validation figures of one head from per-row scores (rows the head ignores are skipped). */
function summarise(options: { label: ClassifierLabel; rows: readonly LabelledRow[]; scores: readonly number[]; threshold: number }): HeadValidation {
  const { label, rows, scores, threshold } = options;
  const used = rows.map((row, r) => ({ row, score: scores[r], target: targetFor(row, label) })).filter((x) => x.target >= 0);
  const positives = used.filter((x) => x.target === 1);
  const benign = used.filter((x) => x.row.labels.length === 0);
  const ownBenign = benign.filter((x) => isOwnRow(x.row));
  const long = used.filter((x) => x.row.text.length >= 500);
  const rate = (items: { score: number }[]) => items.filter((x) => x.score >= threshold).length / Math.max(items.length, 1);
  return {
    label,
    positives: positives.length,
    benign: benign.length,
    auc: rocAuc({ scores: used.map((x) => x.score), targets: used.map((x) => x.target) }),
    aucLong: rocAuc({ scores: long.map((x) => x.score), targets: long.map((x) => x.target) }),
    threshold,
    recall: rate(positives),
    benignFpr: rate(benign),
    ownBenignFpr: rate(ownBenign),
  };
}

export function trainModel(options: TrainOptions): TrainResult {
  const feature = options.feature ?? SHIPPED_FEATURE;
  const targetFpr = options.targetFpr ?? DEFAULT_TARGET_FPR;
  const ownFpr = options.ownBenignFpr ?? DEFAULT_OWN_BENIGN_FPR;
  // Whole-text heads and the window view normalise the same rows: do it once.
  const normalisedCache = new Map<string, string>();
  const normalise = (text: string): string => {
    let value = normalisedCache.get(text);
    if (value === undefined) normalisedCache.set(text, (value = normaliseForTraining(text)));
    return value;
  };
  const split = createValidationSplit({ rows: options.rows, normalise });
  const { train, validation } = splitTrainValidation({ rows: options.rows, split });
  const matrix = buildFeatureMatrix({ texts: train.map((row) => row.text), feature, normalise });
  const tasks = buildHeadTasks({ rows: train, weighting: options.weighting });
  const trained = trainHeads({ matrix, dimensions: 1 << feature.bits, tasks, ftrl: options.ftrl });
  const quantised = quantiseHeads(trained);

  const provisionalHeads: SerialisedHead[] = CLASSIFIER_LABELS.map((label, h) => ({
    label, bias: trained[h].bias, scale: quantised.scales[h], platt: { a: 1, b: 0 }, recommendedThreshold: 0.5,
    targetBenignFpr: targetFpr[label],
  }));
  const decoded: DecodedModel = { feature, heads: provisionalHeads, weights: quantised.bytes };
  const margins = validation.map((row) => marginsOf(decoded, normalise(row.text)));

  const heads: SerialisedHead[] = [];
  const summaries: HeadValidation[] = [];
  CLASSIFIER_LABELS.forEach((label, h) => {
    const used = validation.map((row, r) => ({ row, r, target: targetFor(row, label, options.weighting) })).filter((x) => x.target >= 0);
    const platt = fitPlatt({ margins: used.map((x) => margins[x.r][h]), targets: used.map((x) => x.target) });
    const score = (r: number): number => sigmoid(platt.a * margins[r][h] + platt.b);
    const benign = used.filter((x) => x.row.labels.length === 0);
    // The threshold must meet the target on the corpus benign rows AND on our own benign rows: the corpus alone is
    // mostly CLINC queries, and a threshold that passes them can still block "Bonjour Claude".
    const ownBenign = benign.filter((x) => isOwnRow(x.row));
    const threshold = ownFpr >= 1
      ? thresholdForFpr({ benignScores: benign.map((x) => score(x.r)), targetFpr: targetFpr[label] }) // v1: one group
      : Math.max(
          thresholdForFpr({ benignScores: benign.filter((x) => !isOwnRow(x.row)).map((x) => score(x.r)), targetFpr: targetFpr[label] }),
          thresholdForFpr({ benignScores: ownBenign.map((x) => score(x.r)), targetFpr: ownFpr }),
        );
    heads.push({ ...provisionalHeads[h], platt, recommendedThreshold: threshold });
    summaries.push(summarise({ label, rows: validation, scores: validation.map((_, r) => score(r)), threshold }));
  });

  let windowValidation: WindowValidation | undefined;
  let windowHead: SerialisedModel["window"];
  if (options.window) {
    const trainedWindow = trainWindowHead({
      rows: options.rows, bipiaAttacks: options.window.bipiaAttacks, feature: options.window.feature ?? DEFAULT_WINDOW_FEATURE, normalise, split,
      injectionThreshold: heads[0].recommendedThreshold, targetFpr: options.window.targetFpr ?? targetFpr.prompt_injection,
      ownFpr, windowing: options.window.windowing, ftrl: { ...options.ftrl, ...options.window.ftrl },
    });
    windowHead = trainedWindow.head;
    windowValidation = trainedWindow.validation;
    // The injection summary as served: max(whole-text score, best window score) against the one threshold.
    const h = 0;
    const platt = heads[h].platt;
    const combined = validation.map((row, r) =>
      Math.max(sigmoid(platt.a * margins[r][h] + platt.b), bestWindowScore(trainedWindow.decoded, normalise(row.text)).score));
    summaries[h] = summarise({ label: heads[h].label, rows: validation, scores: combined, threshold: heads[h].recommendedThreshold });
  }

  const model: SerialisedModel = {
    formatVersion: options.window ? 2 : 1,
    normaliser: NORMALISER_ID,
    feature,
    heads,
    weightsSha256: sha256Hex(quantised.bytes),
    weightsBase64: base64Of(quantised.bytes),
    ...(windowHead ? { window: windowHead } : {}),
  };
  return { model, validation: summaries, window: windowValidation, trainRows: train.length, validationRows: validation.length };
}
