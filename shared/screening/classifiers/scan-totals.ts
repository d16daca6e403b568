// The totals a scan leaves, in one Float64Array layout that both scans fill (the TypeScript sink in scan-margins.ts
// and the WebAssembly module through wasm-margins.ts), and the margins computed from them in one place.
import type { DecodedModel } from "./linear-model";

/** Integer weight sums of the four whole-text heads, in CLASSIFIER_LABELS order. */
export const S0 = 0, S1 = 1, S2 = 2, S3 = 3;
/** Distinct buckets in the whole text. */
export const COUNT = 4;
/** The best piece's raw line-view margin (-Infinity without pieces) and its span in the normalised text. */
export const BEST = 5, BEST_START = 6, BEST_END = 7;
/** The same for the best sentence of the sentence view (text-features.ts). */
export const BEST_SENTENCE = 8, BEST_SENTENCE_START = 9, BEST_SENTENCE_END = 10;
export const TOTAL_SLOTS = 11;

export interface Margins {
  /** Raw margins of the four whole-text heads, in CLASSIFIER_LABELS order. */
  whole: [number, number, number, number];
  /** Raw margin of the best piece of the line view; -Infinity when the text has no pieces (short texts). */
  bestPiece: number;
  /** Where that piece sits in the normalised text (0, 0 when there is none). */
  bestPieceStart: number;
  bestPieceEnd: number;
  /** Raw line-view margin of the best sentence inside a piece; -Infinity when no piece holds two sentences. */
  bestSentence: number;
  bestSentenceStart: number;
  bestSentenceEnd: number;
  /** Distinct feature buckets in the whole text (what the margins are normalised by). */
  buckets: number;
}

export function marginsFromTotals(model: DecodedModel, totals: Float64Array): Margins {
  const norm = 1 / Math.sqrt(totals[COUNT] + model.feature.normPseudoCount);
  const [h0, h1, h2, h3] = model.heads;
  const line = model.line;
  return {
    whole: [
      totals[S0] * norm * h0.scale + h0.bias, totals[S1] * norm * h1.scale + h1.bias,
      totals[S2] * norm * h2.scale + h2.bias, totals[S3] * norm * h3.scale + h3.bias,
    ],
    bestPiece: totals[BEST] === -Infinity ? -Infinity : totals[BEST] * line.scale + line.bias,
    bestPieceStart: totals[BEST_START],
    bestPieceEnd: totals[BEST_END],
    bestSentence: totals[BEST_SENTENCE] === -Infinity ? -Infinity : totals[BEST_SENTENCE] * line.scale + line.bias,
    bestSentenceStart: totals[BEST_SENTENCE_START],
    bestSentenceEnd: totals[BEST_SENTENCE_END],
    buckets: totals[COUNT],
  };
}
