// Scoring the injection head's window view: cut a long normalised text into windows (text-windows.ts), score each
// with the window head's int8 weights over the usual hashed features, and keep the best calibrated score.
import { hashFeaturesInPlace, scratchFeatures, type FeatureConfig } from "./feature-hashing";
import { decodeBase64, sigmoid, type SerialisedWindowHead } from "./linear-model";
import { textWindows, type TextWindow, type WindowOptions } from "./text-windows";

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

// Prepended to a prose line that sits between table rows ("lines" mode): its own word and n-grams (no real word
// collides with it) let the head weigh "a sentence inside a table" apart from the same sentence in an email.
export const TABLE_CONTEXT_MARKER = "\u00a7tblctx\u00a7 ";
const PIPE = 124;

function isBlank(c: number): boolean {
  return c === 10 || c === 32 || c === 9 || c === 13;
}

/** Whether the nearest non-blank line before `from` (direction -1) or from `from` on (+1) is a table row. */
function tableRowNear(text: string, from: number, direction: -1 | 1): boolean {
  let i = from;
  while (i >= 0 && i < text.length && isBlank(text.charCodeAt(i))) i += direction;
  if (i < 0 || i >= text.length) return false;
  if (direction === 1) return text.charCodeAt(i) === PIPE;
  const lineStart = text.lastIndexOf("\n", i) + 1;
  let j = lineStart;
  while (j < i && isBlank(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === PIPE;
}

/** The text a window is scored as: the slice itself, or in "lines" mode a prose line next to table rows, marked. */
export function windowText(normalised: string, window: TextWindow, windowing: WindowOptions): string {
  const piece = normalised.slice(window.start, window.end);
  if (windowing.segmentation !== "lines" || normalised.charCodeAt(window.start) === PIPE) return piece;
  const inTable = tableRowNear(normalised, window.start - 1, -1) || tableRowNear(normalised, window.end, 1);
  if (!inTable) return piece;
  // Each word again, glued to the marker: word x table-context features, so "how do i" can weigh more in a table.
  return `${TABLE_CONTEXT_MARKER}${piece} ${piece.replace(/[^\s|]+/g, (word) => `\u00a7${word}`)}`;
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
    const margin = windowMargin(head, windowText(normalised, window, head.windowing));
    if (margin > best) {
      best = margin;
      start = window.start;
      end = window.end;
    }
  }
  return { score: windows.length > 0 ? calibrateWindowMargin(head, best) : 0, start, end, windows: windows.length };
}
