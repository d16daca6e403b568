// Scoring the injection head's window view: cut a long normalised text into windows (text-windows.ts), score each
// with the window head's int8 weights over the usual hashed features, and keep the best calibrated score.
import { hashFeaturesInPlace, scratchFeatures, type FeatureConfig } from "./feature-hashing";
import { decodeBase64, sigmoid, type SerialisedWindowHead } from "./linear-model";
import { textWindows, type WindowOptions } from "./text-windows";

export interface DecodedWindowHead {
  feature: FeatureConfig;
  windowing: WindowOptions;
  bias: number;
  scale: number;
  platt: { a: number; b: number };
  weights: Int8Array;
}

export function decodeWindowHead(head: SerialisedWindowHead): DecodedWindowHead {
  const bytes = decodeBase64(head.weightsBase64);
  const expected = 1 << head.feature.bits;
  if (bytes.length !== expected) throw new Error(`window head weights: expected ${expected} bytes, got ${bytes.length}`);
  const { feature, windowing, bias, scale, platt } = head;
  return { feature, windowing, bias, scale, platt, weights: new Int8Array(bytes.buffer, 0, bytes.length) };
}

/** Raw margin (before calibration) of one piece of already-normalised text. */
export function windowMargin(head: DecodedWindowHead, normalisedPiece: string): number {
  const count = hashFeaturesInPlace(normalisedPiece, head.feature);
  const { indices, values } = scratchFeatures();
  const weights = head.weights;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += weights[indices[k]] * values[k];
  return sum * head.scale + head.bias;
}

export function calibrateWindowMargin(head: DecodedWindowHead, margin: number): number {
  return sigmoid(head.platt.a * margin + head.platt.b);
}

export interface WindowScore {
  /** Best calibrated window score; 0 when the text is too short to window. */
  score: number;
  /** Where the best window sits in the normalised text (-1 when there are no windows). */
  start: number;
  end: number;
  windows: number;
}

export function bestWindowScore(head: DecodedWindowHead, normalised: string): WindowScore {
  const windows = textWindows(normalised, head.windowing);
  let best = -Infinity;
  let start = -1;
  let end = -1;
  for (const window of windows) {
    const margin = windowMargin(head, normalised.slice(window.start, window.end));
    if (margin > best) {
      best = margin;
      start = window.start;
      end = window.end;
    }
  }
  return { score: windows.length > 0 ? calibrateWindowMargin(head, best) : 0, start, end, windows: windows.length };
}
