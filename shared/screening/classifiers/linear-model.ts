// The shipped linear model: its serialised shape (written by scripts/train, committed under shared/screening/models),
// decoding the base64 int8 weights, and scoring a normalised text into four calibrated 0..1 scores.
import { hashFeaturesInPlace, scratchFeatures, type FeatureConfig } from "./feature-hashing";
import type { WindowOptions } from "./text-windows";

export const CLASSIFIER_LABELS = ["prompt_injection", "jailbreak", "harmful_request", "toxicity"] as const;
export type ClassifierLabel = (typeof CLASSIFIER_LABELS)[number];

export interface SerialisedHead {
  label: ClassifierLabel;
  /** Raw-margin bias (float, not quantised). */
  bias: number;
  /** int8 weight * scale = float weight. */
  scale: number;
  /** Platt scaling fitted on the validation split: score = sigmoid(a * margin + b). */
  platt: { a: number; b: number };
  /** Chosen on the validation split for the target benign FPR; the policy owns the real threshold. */
  recommendedThreshold: number;
  targetBenignFpr: number;
}

/**
 * The injection head's window view (format 2): its own int8 weights over the same hashed features, scoring each
 * window of a long text; the detector reports max(whole-text score, best window score) for prompt_injection.
 * Its Platt parameters are shifted at training so its threshold coincides with the prompt_injection head's.
 */
export interface SerialisedWindowHead {
  label: "prompt_injection";
  /** The window head's own hashed features (may differ from the whole-text heads', e.g. cheaper word-only). */
  feature: FeatureConfig;
  windowing: WindowOptions;
  bias: number;
  scale: number;
  platt: { a: number; b: number };
  /** Benign FPR target (on long validation texts) the window view's threshold was chosen for. */
  targetBenignFpr: number;
  weightsSha256: string;
  /** int8 weights, one byte per feature. */
  weightsBase64: string;
}

export interface SerialisedModel {
  /** 1: four whole-text heads; 2: plus the optional window head. */
  formatVersion: 1 | 2;
  /** Which text the model was trained on, so serving can refuse a mismatch. */
  normaliser: string;
  feature: FeatureConfig;
  heads: SerialisedHead[];
  /** SHA-256 hex of the decoded weight bytes (checked by verify-weights, cheap to eyeball in diffs). */
  weightsSha256: string;
  /** int8 weights, index-major: byte (i * heads.length + h) is head h's weight for feature i. */
  weightsBase64: string;
  window?: SerialisedWindowHead;
}

export interface DecodedModel {
  feature: FeatureConfig;
  heads: SerialisedHead[];
  weights: Int8Array;
}

export type ClassifierScores = Record<ClassifierLabel, number>;

export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function decodeModel(model: SerialisedModel): DecodedModel {
  const bytes = decodeBase64(model.weightsBase64);
  const expected = (1 << model.feature.bits) * model.heads.length;
  if (bytes.length !== expected) {
    throw new Error(`classifier weights: expected ${expected} bytes, got ${bytes.length}`);
  }
  const labels = model.heads.map((head) => head.label).join(",");
  if (labels !== CLASSIFIER_LABELS.join(",")) throw new Error(`classifier weights: unexpected heads ${labels}`);
  return { feature: model.feature, heads: model.heads, weights: new Int8Array(bytes.buffer, 0, bytes.length) };
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Raw margins (before calibration), one per head, in CLASSIFIER_LABELS order. */
export function marginsOf(model: DecodedModel, normalised: string): Float64Array {
  const count = hashFeaturesInPlace(normalised, model.feature);
  const { indices, values } = scratchFeatures();
  const weights = model.weights;
  const margins = new Float64Array(model.heads.length);
  if (model.heads.length === 4) {
    // The shipped shape, unrolled: one cache line per feature serves all four heads.
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < count; k++) {
      const base = indices[k] << 2;
      const v = values[k];
      s0 += weights[base] * v; s1 += weights[base + 1] * v; s2 += weights[base + 2] * v; s3 += weights[base + 3] * v;
    }
    margins[0] = s0; margins[1] = s1; margins[2] = s2; margins[3] = s3;
  } else {
    for (let k = 0; k < count; k++) {
      const base = indices[k] * model.heads.length;
      for (let h = 0; h < model.heads.length; h++) margins[h] += weights[base + h] * values[k];
    }
  }
  model.heads.forEach((head, h) => {
    margins[h] = margins[h] * head.scale + head.bias;
  });
  return margins;
}

/** Calibrated 0..1 score per label for already-normalised text. */
export function scoreText(model: DecodedModel, normalised: string): ClassifierScores {
  const margins = marginsOf(model, normalised);
  const scores = {} as ClassifierScores;
  model.heads.forEach((head, h) => {
    scores[head.label] = sigmoid(head.platt.a * margins[h] + head.platt.b);
  });
  return scores;
}
