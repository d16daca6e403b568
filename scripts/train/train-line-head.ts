// Trains, quantises and calibrates the injection head's line view (line-rows.ts), then picks its threshold on the
// best-piece scores of long benign validation texts (corpus and our own, each under its FPR target) and shifts its
// Platt bias so that threshold lands exactly on the whole-text prompt_injection threshold: the detector can then
// report max(whole, line view) against one policy threshold.
import {
  marginsOf, sigmoid, type DecodedModel, type FeatureConfig, type SerialisedLineHead,
} from "../../shared/screening/classifiers/linear-model";
import { MIN_PIECED_CHARS } from "../../shared/screening/classifiers/text-features";
import { fitPlatt, rocAuc, thresholdForBenignGroups } from "./calibration";
import { buildFeatureMatrix, dotInt8 } from "./feature-matrix";
import { trainHeads, type FtrlOptions } from "./ftrl-trainer";
import { buildLineRows } from "./line-rows";
import { base64Of, quantiseHeads, sha256Hex } from "./model-writer";
import { isOwnRow, type LabelledRow } from "./training-rows";
import type { ValidationSplit } from "./validation-split";

export interface LineTrainOptions {
  rows: readonly LabelledRow[];
  bipiaAttacks: readonly string[];
  feature: FeatureConfig;
  normalise: (text: string) => string;
  split: ValidationSplit;
  /** The whole-text model (its line head is replaced): serving's scan scores the validation documents. */
  model: DecodedModel;
  /** The whole-text prompt_injection threshold the line view is aligned to. */
  injectionThreshold: number;
  targetFpr: number;
  ownFpr: number;
  ftrl?: Partial<FtrlOptions>;
  /** Cap on the positive class weight. */
  maxClassWeight?: number;
}

export interface LineValidation {
  trainPieces: number;
  validationPieces: number;
  pieceAuc: number;
  /** The line view's own threshold before the shift (on its unshifted calibrated scale). */
  threshold: number;
  longBenign: number;
  longBenignFpr: number;
  ownLongBenignFpr: number;
  /** Long prompt_injection validation rows caught by the line view alone. */
  longInjections: number;
  longInjectionRecall: number;
  /** The sentence view's own threshold (same scale), and the long benign FPR and injection recall of both views. */
  sentenceThreshold: number;
  viewsLongBenignFpr: number;
  viewsLongInjectionRecall: number;
}

const logit = (p: number): number => Math.log(p / (1 - p));

export function trainLineHead(options: LineTrainOptions): { head: SerialisedLineHead; model: DecodedModel; validation: LineValidation } {
  const all = buildLineRows(options);
  const train = all.filter((w) => !w.validation);
  const validation = all.filter((w) => w.validation);
  const matrix = buildFeatureMatrix(train.map((w) => w.vector));
  const targets = Int8Array.from(train, (w) => w.target);
  const positives = train.filter((w) => w.target === 1).length;
  const classWeight = Math.min(options.maxClassWeight ?? 30, (train.length - positives) / Math.max(positives, 1));
  const sampleWeights = Float32Array.from(train, (w) => (w.target === 1 ? classWeight : 1));
  const [trained] = trainHeads({ matrix, dimensions: 1 << options.feature.bits, tasks: [{ targets, sampleWeights }], ftrl: options.ftrl });
  const quantised = quantiseHeads([trained]);
  const scale = quantised.scales[0];

  const margins = validation.map((w) => dotInt8({ vector: w.vector, weights: quantised.bytes, stride: 1, head: 0 }) * scale + trained.bias);
  const platt = fitPlatt({ margins, targets: validation.map((w) => w.target) });
  const model: DecodedModel = { ...options.model, line: { bias: trained.bias, scale, platt, weights: quantised.bytes } };
  const unshifted = (margin: number): number => (margin === -Infinity ? 0 : sigmoid(platt.a * margin + platt.b));

  // Long validation documents, scored as serving will: the best piece and the best sentence of the normalised text.
  const longRows = options.rows
    .filter((row) => options.split.isValidation(row) && (row.labels.length === 0 || row.labels.includes("prompt_injection")))
    .map((row) => ({ row, normalised: options.normalise(row.text) }))
    .filter((x) => x.normalised.length > MIN_PIECED_CHARS)
    .map((x) => {
      const { bestPiece, bestSentence } = marginsOf(model, x.normalised);
      return { row: x.row, score: unshifted(bestPiece), sentenceScore: unshifted(bestSentence) };
    });
  const benign = longRows.filter((x) => x.row.labels.length === 0);
  const ownBenign = benign.filter((x) => isOwnRow(x.row));
  const threshold = Math.min(
    0.9999,
    thresholdForBenignGroups({
      benign: benign.map((x) => ({ own: isOwnRow(x.row), score: x.score })),
      targetFpr: options.targetFpr,
      ownFpr: Math.min(options.targetFpr, options.ownFpr),
    }),
  );
  const injections = longRows.filter((x) => x.row.labels.length > 0);
  const rate = (items: { score: number }[]) => items.filter((x) => x.score >= threshold).length / Math.max(items.length, 1);
  // The sentence view may flag only within what the line view leaves of the same FPR budget: a document the line
  // view already flags counts as flagged at any sentence threshold. Never looser than the line view.
  const sentenceThreshold = Math.max(
    threshold,
    thresholdForBenignGroups({
      benign: benign.map((x) => ({ own: isOwnRow(x.row), score: x.score >= threshold ? 1 : x.sentenceScore })),
      targetFpr: options.targetFpr,
      ownFpr: Math.min(options.targetFpr, options.ownFpr),
    }),
  );
  const viewsRate = (items: { score: number; sentenceScore: number }[]) =>
    items.filter((x) => x.score >= threshold || x.sentenceScore >= sentenceThreshold).length / Math.max(items.length, 1);

  const shift = (to: number) => ({ a: platt.a, b: platt.b + logit(options.injectionThreshold) - logit(to) });
  const shiftedPlatt = shift(threshold);
  const sentencePlatt = shift(sentenceThreshold);
  const head: SerialisedLineHead = {
    bias: trained.bias,
    scale,
    platt: shiftedPlatt,
    sentencePlatt,
    targetBenignFpr: options.targetFpr,
    weightsSha256: sha256Hex(quantised.bytes),
    weightsBase64: base64Of(quantised.bytes),
  };
  return {
    head,
    model: { ...model, line: { ...model.line, platt: shiftedPlatt, sentencePlatt } },
    validation: {
      trainPieces: train.length,
      validationPieces: validation.length,
      pieceAuc: rocAuc({ scores: margins, targets: validation.map((w) => w.target) }),
      threshold,
      longBenign: benign.length,
      longBenignFpr: rate(benign),
      ownLongBenignFpr: rate(ownBenign),
      longInjections: injections.length,
      longInjectionRecall: rate(injections),
      sentenceThreshold,
      viewsLongBenignFpr: viewsRate(benign),
      viewsLongInjectionRecall: viewsRate(injections),
    },
  };
}
