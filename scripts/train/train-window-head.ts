// Trains, quantises and calibrates the injection head's window view (window-rows.ts), then picks its threshold on the
// best-window scores of long benign validation texts (corpus and our own, each under its FPR target) and shifts its
// Platt bias so that threshold lands exactly on the whole-text prompt_injection threshold: the detector can then
// report max(whole, window) against one policy threshold.
import type { FeatureConfig } from "../../shared/screening/classifiers/feature-hashing";
import type { SerialisedWindowHead } from "../../shared/screening/classifiers/linear-model";
import { DEFAULT_WINDOW_OPTIONS, type WindowOptions } from "../../shared/screening/classifiers/text-windows";
import { bestWindowScore, windowMargin, type DecodedWindowHead } from "../../shared/screening/classifiers/window-head";
import { fitPlatt, rocAuc, thresholdForFpr } from "./calibration";
import { buildFeatureMatrix } from "./feature-matrix";
import { trainHeads, type FtrlOptions } from "./ftrl-trainer";
import { base64Of, quantiseHeads, sha256Hex } from "./model-writer";
import type { LabelledRow } from "./training-rows";
import type { ValidationSplit } from "./validation-split";
import { buildWindowRows } from "./window-rows";

export interface WindowTrainOptions {
  rows: readonly LabelledRow[];
  bipiaAttacks: readonly string[];
  /** The window head's own features (see SerialisedWindowHead.feature). */
  feature: FeatureConfig;
  normalise: (text: string) => string;
  split: ValidationSplit;
  /** The whole-text prompt_injection threshold the window view is aligned to. */
  injectionThreshold: number;
  targetFpr: number;
  ownFpr: number;
  windowing?: WindowOptions;
  ftrl?: Partial<FtrlOptions>;
  /** Cap on the positive class weight. */
  maxClassWeight?: number;
}

export interface WindowValidation {
  trainWindows: number;
  validationWindows: number;
  windowAuc: number;
  /** The window view's own threshold before the shift (on its unshifted calibrated scale). */
  threshold: number;
  longBenign: number;
  longBenignFpr: number;
  ownLongBenignFpr: number;
  /** Long prompt_injection validation rows caught by the window view alone. */
  longInjections: number;
  longInjectionRecall: number;
}

/**
 * v3: one piece per line (long lines cut at sentence breaks) instead of overlapping 300-character windows: a planted
 * line is scored alone, not diluted by the table rows around it (validation window AUC 0.973 -> 0.995).
 */
export const SHIPPED_WINDOWING: WindowOptions = { ...DEFAULT_WINDOW_OPTIONS, segmentation: "lines" };

const logit = (p: number): number => Math.log(p / (1 - p));
const isOwn = (row: LabelledRow): boolean => row.source.startsWith("edgeguard/");

export function trainWindowHead(options: WindowTrainOptions): {
  head: SerialisedWindowHead;
  decoded: DecodedWindowHead;
  validation: WindowValidation;
} {
  const windowing = options.windowing ?? SHIPPED_WINDOWING;
  const all = buildWindowRows({ ...options, windowing });
  const train = all.filter((w) => !w.validation);
  const validation = all.filter((w) => w.validation);
  const matrix = buildFeatureMatrix({ texts: train.map((w) => w.text), feature: options.feature, normalise: (t) => t });
  const targets = Int8Array.from(train, (w) => w.target);
  const positives = train.filter((w) => w.target === 1).length;
  const classWeight = Math.min(options.maxClassWeight ?? 30, (train.length - positives) / Math.max(positives, 1));
  const sampleWeights = Float32Array.from(train, (w) => (w.target === 1 ? classWeight : 1));
  const [trained] = trainHeads({ matrix, dimensions: 1 << options.feature.bits, tasks: [{ targets, sampleWeights }], ftrl: options.ftrl });
  const quantised = quantiseHeads([trained]);
  const decoded: DecodedWindowHead = {
    feature: options.feature, windowing, bias: trained.bias, scale: quantised.scales[0], platt: { a: 1, b: 0 }, weights: quantised.bytes,
  };

  const margins = validation.map((w) => windowMargin(decoded, w.text));
  decoded.platt = fitPlatt({ margins, targets: validation.map((w) => w.target) });
  const sigmoidOf = (m: number) => 1 / (1 + Math.exp(-(decoded.platt.a * m + decoded.platt.b)));

  // Long validation documents, scored as serving will: best window of the normalised text.
  const longRows = options.rows
    .filter((row) => options.split.isValidation(row) && (row.labels.length === 0 || row.labels.includes("prompt_injection")))
    .map((row) => ({ row, normalised: options.normalise(row.text) }))
    .filter((x) => x.normalised.length > windowing.minChars)
    .map((x) => ({ row: x.row, score: bestWindowScore(decoded, x.normalised).score }));
  const benign = longRows.filter((x) => x.row.labels.length === 0);
  const ownBenign = benign.filter((x) => isOwn(x.row));
  const threshold = Math.min(
    0.9999,
    Math.max(
      thresholdForFpr({ benignScores: benign.filter((x) => !isOwn(x.row)).map((x) => x.score), targetFpr: options.targetFpr }),
      thresholdForFpr({ benignScores: ownBenign.map((x) => x.score), targetFpr: Math.min(options.targetFpr, options.ownFpr) }),
    ),
  );
  const injections = longRows.filter((x) => x.row.labels.length > 0);
  const rate = (items: { score: number }[]) => items.filter((x) => x.score >= threshold).length / Math.max(items.length, 1);

  const shiftedPlatt = { a: decoded.platt.a, b: decoded.platt.b + logit(options.injectionThreshold) - logit(threshold) };
  const head: SerialisedWindowHead = {
    label: "prompt_injection",
    feature: options.feature,
    windowing,
    bias: trained.bias,
    scale: quantised.scales[0],
    platt: shiftedPlatt,
    targetBenignFpr: options.targetFpr,
    weightsSha256: sha256Hex(quantised.bytes),
    weightsBase64: base64Of(quantised.bytes),
  };
  return {
    head,
    decoded: { ...decoded, platt: shiftedPlatt },
    validation: {
      trainWindows: train.length,
      validationWindows: validation.length,
      windowAuc: rocAuc({ scores: margins.map(sigmoidOf), targets: validation.map((w) => w.target) }),
      threshold,
      longBenign: benign.length,
      longBenignFpr: rate(benign),
      ownLongBenignFpr: rate(ownBenign),
      longInjections: injections.length,
      longInjectionRecall: rate(injections),
    },
  };
}
