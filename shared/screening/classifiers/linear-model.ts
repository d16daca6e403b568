// The linear model: its serialised shape (what training produces), the shape it ships in (metadata in a generated
// module, the int8 weights as raw bytes beside it: shared/screening/models), decoding either into one DecodedModel,
// and scoring a normalised text in one feature scan into four whole-text margins plus, on long texts, the best
// line-view and sentence-view margins for prompt_injection. The scan runs as WebAssembly (wasm-margins.ts);
// scan-margins.ts is the TypeScript reference it is tested against.
import { CLASSIFIER_SCAN_PLATFORM } from "#classifier-scan-module";
import type { Margins } from "./scan-totals";
import { createWasmMargins } from "./wasm-margins";

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
  /**
   * The fewest distinct feature buckets any positive of this head had in the rows it was trained and validated on
   * (never the test split). A text with fewer scores 0 for this head: the head never saw its class that short, and on
   * a one- or two-word text one heavily weighted n-gram decides ("Responses" scored 0.82 for jailbreak, whose
   * shortest training example has 41 buckets). Absent = 0 (no floor).
   */
  minBuckets?: number;
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
  /**
   * The sentence view (a sentence inside a piece, scored with these same weights): the line view's Platt parameters
   * shifted so that the sentence view's own threshold, chosen on long validation texts, coincides with
   * prompt_injection's. Absent: no sentence view (models before v3.5).
   */
  sentencePlatt?: { a: number; b: number };
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

/**
 * The shipped model without its weights: shared/screening/models/classifier-model.ts (generated). The weights ship as
 * one binary file (classifier-weights.bin, loaded per runtime), so the Worker's bundle holds no 218 KB base64 literal
 * for workerd to compile at every isolate start (~9 ms of CPU here, docs/performance.md).
 */
export type ModelMetadata = Omit<SerialisedModel, "weightsBase64" | "line"> & { line: Omit<SerialisedLineHead, "weightsBase64"> };

export interface DecodedLineHead {
  bias: number;
  scale: number;
  platt: { a: number; b: number };
  sentencePlatt?: { a: number; b: number };
  weights: Int8Array;
}

export interface DecodedModel {
  feature: FeatureConfig;
  heads: SerialisedHead[];
  weights: Int8Array;
  line: DecodedLineHead;
}

export type ClassifierScores = Record<ClassifierLabel, number>;

// workerd has the native decoder (ES2026); Node 20 does not. Only freshly trained models are decoded (training,
// evaluation, tests): the shipped weights are raw bytes.
const nativeFromBase64 = (Uint8Array as { fromBase64?: (base64: string) => Uint8Array }).fromBase64;

export function decodeBase64(base64: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(base64);
  return decodeBase64ByLoop(base64);
}

/** The portable decoder; exported so tests can compare it with the native one where both exist. */
export function decodeBase64ByLoop(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A trained model's weights as shipped: the whole-text heads' bytes (index-major), then the line head's. */
export function weightBytesOf(model: SerialisedModel): Uint8Array {
  const size = 1 << model.feature.bits;
  const whole = decodedOfLength(model.weightsBase64, size * CLASSIFIER_LABELS.length, "classifier weights");
  const line = decodedOfLength(model.line.weightsBase64, size, "line head weights");
  const bytes = new Uint8Array(whole.length + line.length);
  bytes.set(whole);
  bytes.set(line, whole.length);
  return bytes;
}

function decodedOfLength(base64: string, expected: number, what: string): Uint8Array {
  const bytes = decodeBase64(base64);
  if (bytes.length !== expected) throw new Error(`${what}: expected ${expected} bytes, got ${bytes.length}`);
  return bytes;
}

export function metadataOf(model: SerialisedModel): ModelMetadata {
  const { weightsBase64: _whole, line, ...rest } = model;
  const { weightsBase64: _line, ...lineMetadata } = line;
  return { ...rest, line: lineMetadata };
}

/** The model from its metadata and weight bytes (weightBytesOf's layout); the weights are views, not copies. */
export function modelFromBytes(metadata: ModelMetadata, bytes: Uint8Array): DecodedModel {
  if (metadata.formatVersion !== 3) throw new Error(`classifier weights: unsupported format ${metadata.formatVersion}`);
  const labels = metadata.heads.map((head) => head.label).join(",");
  if (labels !== CLASSIFIER_LABELS.join(",")) throw new Error(`classifier weights: unexpected heads ${labels}`);
  const size = 1 << metadata.feature.bits;
  const wholeBytes = size * CLASSIFIER_LABELS.length;
  if (bytes.length !== wholeBytes + size) throw new Error(`classifier weights: expected ${wholeBytes + size} bytes, got ${bytes.length}`);
  const { bias, scale, platt, sentencePlatt } = metadata.line;
  return {
    feature: metadata.feature,
    heads: metadata.heads,
    weights: new Int8Array(bytes.buffer, bytes.byteOffset, wholeBytes),
    line: { bias, scale, platt, sentencePlatt, weights: new Int8Array(bytes.buffer, bytes.byteOffset + wholeBytes, size) },
  };
}

export function decodeModel(model: SerialisedModel): DecodedModel {
  return modelFromBytes(metadataOf(model), weightBytesOf(model));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export type { Margins } from "./scan-totals";

export interface MarginsOptions {
  /**
   * Whether to score the line view (prompt_injection's best piece of a long text); true by default. Off, bestPiece is
   * -Infinity and the scan costs about a third less on long texts; the whole-text margins are the same.
   */
  lineView?: boolean;
}

/** The margins of already-normalised text (before calibration). */
export type MarginsOf = (model: DecodedModel, normalised: string, options?: MarginsOptions) => Margins;

// The WebAssembly scan, as each runtime's classifier-scan-module loads it: the TypeScript scan's margins bit for bit
// (classifier-scan.test.ts) in 25-30% less time on Node, ~60% less in workerd.
export const marginsOf: MarginsOf = createWasmMargins(CLASSIFIER_SCAN_PLATFORM);

/** A whole-text head's calibrated score: 0 under its support floor (SerialisedHead.minBuckets). */
function headScore(head: SerialisedHead, margin: number, buckets: number): number {
  return buckets < (head.minBuckets ?? 0) ? 0 : sigmoid(head.platt.a * margin + head.platt.b);
}

/** The line and sentence views' calibrated score: the better of the best piece and the best sentence. */
function viewsScore(line: DecodedLineHead, margins: Margins): number {
  const { bestPiece, bestSentence } = margins;
  const piece = bestPiece === -Infinity ? 0 : sigmoid(line.platt.a * bestPiece + line.platt.b);
  const sentencePlatt = line.sentencePlatt;
  const sentence = bestSentence === -Infinity || !sentencePlatt ? 0 : sigmoid(sentencePlatt.a * bestSentence + sentencePlatt.b);
  return Math.max(piece, sentence);
}

/**
 * Calibrated 0..1 score per label; prompt_injection is max(whole-text, best piece of the line view, best sentence of
 * the sentence view). Without them (`lineView: false`, for callers that do not use prompt_injection) it is the
 * whole-text score alone.
 */
export function scoreText(model: DecodedModel, normalised: string, options?: MarginsOptions): ClassifierScores {
  const margins = marginsOf(model, normalised, options);
  const { whole, buckets } = margins;
  const [injection, jailbreak, harmful, toxicity] = model.heads; // CLASSIFIER_LABELS order (checked by decodeModel)
  const wholeInjection = headScore(injection, whole[0], buckets);
  // One object literal in a fixed shape: building it key by key was a measurable part of short-text scoring.
  return {
    prompt_injection: margins.bestPiece === -Infinity ? wholeInjection : Math.max(wholeInjection, viewsScore(model.line, margins)),
    jailbreak: headScore(jailbreak, whole[1], buckets),
    harmful_request: headScore(harmful, whole[2], buckets),
    toxicity: headScore(toxicity, whole[3], buckets),
  };
}
