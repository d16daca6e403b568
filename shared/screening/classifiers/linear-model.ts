// The shipped linear model: its serialised shape (written by scripts/train, committed under shared/screening/models),
// decoding the base64 int8 weights, and scoring a normalised text in one feature scan (text-features.ts) into four
// whole-text margins plus, on long texts, the best line-view margin for prompt_injection.
import { scanFeatures, TABLE_MARKER_HASH, type FeatureSink, type PieceEnd } from "./text-features";

export const CLASSIFIER_LABELS = ["prompt_injection", "jailbreak", "harmful_request", "toxicity"] as const;
export type ClassifierLabel = (typeof CLASSIFIER_LABELS)[number];

export interface FeatureConfig {
  /** log2 of the hashed vector size: each head has this many weights. */
  bits: number;
  /**
   * Whole-text values are bucket presence (+-1, the first feature's sign) / sqrt(buckets + normPseudoCount): a text
   * with few n-grams ("fallback") gets a shorter vector and stays near the prior instead of one n-gram deciding it,
   * and repeating a text changes nothing.
   */
  normPseudoCount: number;
  /** The same for a piece of the line view. */
  linePseudoCount: number;
}

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
 * The injection head's line view: its own int8 weights over the same features, scoring each piece of a long text;
 * prompt_injection = max(whole-text score, best piece score). Its Platt parameters are shifted at training so its
 * threshold coincides with the prompt_injection head's (one policy threshold serves both).
 */
export interface SerialisedLineHead {
  bias: number;
  scale: number;
  platt: { a: number; b: number };
  /** Benign FPR target (on long validation texts) the line view's threshold was chosen for. */
  targetBenignFpr: number;
  weightsSha256: string;
  /** int8 weights, one byte per feature. */
  weightsBase64: string;
}

export interface SerialisedModel {
  /** 3: one scan, presence / sqrt(buckets) values, a line view. (1 and 2, with sublinear L2 features, are retired.) */
  formatVersion: 3;
  /** Which text the model was trained on, so serving can refuse a mismatch. */
  normaliser: string;
  feature: FeatureConfig;
  heads: SerialisedHead[];
  /** SHA-256 hex of the decoded weight bytes (checked by verify-weights, cheap to eyeball in diffs). */
  weightsSha256: string;
  /** int8 weights, index-major: byte (i * 4 + h) is head h's weight for feature i. */
  weightsBase64: string;
  line: SerialisedLineHead;
}

export interface DecodedLineHead {
  bias: number;
  scale: number;
  platt: { a: number; b: number };
  weights: Int8Array;
}

export interface DecodedModel {
  feature: FeatureConfig;
  heads: SerialisedHead[];
  weights: Int8Array;
  line: DecodedLineHead;
}

export type ClassifierScores = Record<ClassifierLabel, number>;

export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function int8Of(base64: string, expected: number, what: string): Int8Array {
  const bytes = decodeBase64(base64);
  if (bytes.length !== expected) throw new Error(`${what}: expected ${expected} bytes, got ${bytes.length}`);
  return new Int8Array(bytes.buffer, 0, bytes.length);
}

export function decodeModel(model: SerialisedModel): DecodedModel {
  if (model.formatVersion !== 3) throw new Error(`classifier weights: unsupported format ${model.formatVersion}`);
  const labels = model.heads.map((head) => head.label).join(",");
  if (labels !== CLASSIFIER_LABELS.join(",")) throw new Error(`classifier weights: unexpected heads ${labels}`);
  const size = 1 << model.feature.bits;
  const { bias, scale, platt } = model.line;
  return {
    feature: model.feature,
    heads: model.heads,
    weights: int8Of(model.weightsBase64, size * CLASSIFIER_LABELS.length, "classifier weights"),
    line: { bias, scale, platt, weights: int8Of(model.line.weightsBase64, size, "line head weights") },
  };
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * Which buckets were already counted in the current generation: features count once per bucket (presence), so a
 * text repeated ten times scores as the text once. A new generation forgets everything in O(1), and one in 255 pays
 * for a clear. Byte stamps, not 16-bit: the smaller table stays in cache (a few per cent faster, measured side by side).
 */
class BucketStamps {
  private stamps = new Uint8Array(0);
  private generation = 0;

  /** Starts a new generation over `size` buckets. */
  next(size: number): void {
    if (this.stamps.length !== size) {
      this.stamps = new Uint8Array(size);
      this.generation = 0;
    }
    if (++this.generation === 0x100) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  firstTime(index: number): boolean {
    if (this.stamps[index] === this.generation) return false;
    this.stamps[index] = this.generation;
    return true;
  }
}

// Accumulator slots of ScoringSink.sums (a Float64Array: plain double stores, no boxed object fields in the hot loop).
const S0 = 0, S1 = 1, S2 = 2, S3 = 3, COUNT = 4, PIECE = 5, PIECE_COUNT = 6, BEST = 7, BEST_START = 8, BEST_END = 9;

/** Sums the int8 weights of every feature as the scan emits it: no feature vector is ever built. */
class ScoringSink implements FeatureSink {
  mask = 0;
  whole: Int8Array = new Int8Array(4);
  line: Int8Array = new Int8Array(1);
  readonly sums = new Float64Array(10);
  readonly wholeSeen = new BucketStamps();
  readonly pieceSeen = new BucketStamps();
  linePseudoCount = 0;

  reset(model: DecodedModel): void {
    this.mask = (1 << model.feature.bits) - 1;
    this.whole = model.weights;
    this.line = model.line.weights;
    this.linePseudoCount = model.feature.linePseudoCount;
    this.sums.fill(0);
    this.sums[BEST] = -Infinity;
    this.wholeSeen.next(this.mask + 1);
    this.pieceSeen.next(this.mask + 1);
  }

  feature(hash: number, inPiece: boolean): void {
    const index = hash & this.mask;
    const sign = (hash >> 31) | 1;
    const sums = this.sums;
    if (this.wholeSeen.firstTime(index)) {
      const base = index << 2;
      const whole = this.whole;
      sums[S0] += whole[base] * sign;
      sums[S1] += whole[base + 1] * sign;
      sums[S2] += whole[base + 2] * sign;
      sums[S3] += whole[base + 3] * sign;
      sums[COUNT]++;
    }
    if (inPiece) this.pieceFeature(hash);
  }

  /** Conjunctions (and the table marker) are piece features like any other. */
  conjunction(hash: number): void {
    this.pieceFeature(hash);
  }

  private pieceFeature(hash: number): void {
    const index = hash & this.mask;
    if (!this.pieceSeen.firstTime(index)) return;
    this.sums[PIECE] += this.line[index] * ((hash >> 31) | 1);
    this.sums[PIECE_COUNT]++;
  }

  endPiece(piece: PieceEnd): void {
    const sums = this.sums;
    if (piece.scored) {
      if (piece.tableContext) this.pieceFeature(TABLE_MARKER_HASH);
      const margin = sums[PIECE] / Math.sqrt(sums[PIECE_COUNT] + this.linePseudoCount);
      if (margin > sums[BEST]) {
        sums[BEST] = margin;
        sums[BEST_START] = piece.start;
        sums[BEST_END] = piece.end;
      }
    }
    sums[PIECE] = sums[PIECE_COUNT] = 0;
    this.pieceSeen.next(this.mask + 1);
  }
}

const SINK = new ScoringSink();

export interface Margins {
  /** Raw margins of the four whole-text heads, in CLASSIFIER_LABELS order. */
  whole: [number, number, number, number];
  /** Raw margin of the best piece of the line view; -Infinity when the text has no pieces (short texts). */
  bestPiece: number;
  /** Where that piece sits in the normalised text (0, 0 when there is none). */
  bestPieceStart: number;
  bestPieceEnd: number;
}

/** Raw margins (before calibration) of already-normalised text. */
export function marginsOf(model: DecodedModel, normalised: string): Margins {
  const sink = SINK;
  sink.reset(model);
  scanFeatures(normalised, sink);
  const sums = sink.sums;
  const norm = 1 / Math.sqrt(sums[COUNT] + model.feature.normPseudoCount);
  const [h0, h1, h2, h3] = model.heads;
  const line = model.line;
  return {
    whole: [
      sums[S0] * norm * h0.scale + h0.bias, sums[S1] * norm * h1.scale + h1.bias,
      sums[S2] * norm * h2.scale + h2.bias, sums[S3] * norm * h3.scale + h3.bias,
    ],
    bestPiece: sums[BEST] === -Infinity ? -Infinity : sums[BEST] * line.scale + line.bias,
    bestPieceStart: sums[BEST_START],
    bestPieceEnd: sums[BEST_END],
  };
}

/** Calibrated 0..1 score per label; prompt_injection is max(whole-text, best piece of the line view). */
export function scoreText(model: DecodedModel, normalised: string): ClassifierScores {
  const { whole, bestPiece } = marginsOf(model, normalised);
  const [injection, jailbreak, harmful, toxicity] = model.heads; // CLASSIFIER_LABELS order (checked by decodeModel)
  const line = model.line.platt;
  const wholeInjection = sigmoid(injection.platt.a * whole[0] + injection.platt.b);
  // One object literal in a fixed shape: building it key by key was a measurable part of short-text scoring.
  return {
    prompt_injection: bestPiece === -Infinity ? wholeInjection : Math.max(wholeInjection, sigmoid(line.a * bestPiece + line.b)),
    jailbreak: sigmoid(jailbreak.platt.a * whole[1] + jailbreak.platt.b),
    harmful_request: sigmoid(harmful.platt.a * whole[2] + harmful.platt.b),
    toxicity: sigmoid(toxicity.platt.a * whole[3] + toxicity.platt.b),
  };
}
