// Training's view of the features: the serving scan (text-features.ts) through a collecting sink, aggregated into
// sparse vectors with the values serving implies (bucket presence / sqrt(buckets + pseudo-count)), and packed into one
// compressed-sparse-row matrix (typed arrays, outside the JS heap) so each epoch only walks numbers.
import { scanFeatures, TABLE_MARKER_HASH, type FeatureSink, type PieceEnd } from "../../shared/screening/classifiers/text-features";
import type { FeatureConfig } from "../../shared/screening/classifiers/linear-model";

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface PieceFeatures {
  /** Span in the normalised text. */
  start: number;
  end: number;
  tableContext: boolean;
  /** The piece's features in emission order, with its conjunctions and the marker in table context (what serving sums). */
  hashes: Int32Array;
}

export interface TextFeatures {
  whole: Int32Array;
  /** Scored pieces only (serving ignores the others). */
  pieces: PieceFeatures[];
}

/** Records features in emission order (presence keeps the first sign per bucket, so order matters). */
class CollectingSink implements FeatureSink {
  whole: number[] = [];
  piece: number[] = [];
  pieces: PieceFeatures[] = [];

  feature(hash: number, inPiece: boolean): void {
    this.whole.push(hash);
    if (inPiece) this.piece.push(hash);
  }

  conjunction(hash: number): void {
    this.piece.push(hash);
  }

  endPiece(piece: PieceEnd): void {
    if (piece.scored) {
      if (piece.tableContext) this.piece.push(TABLE_MARKER_HASH);
      this.pieces.push({ start: piece.start, end: piece.end, tableContext: piece.tableContext, hashes: Int32Array.from(this.piece) });
    }
    this.piece = [];
  }

  /** The sentence view trains nothing of its own: it scores sentences with the line view's weights. */
  endSentence(): void {}
}

/** Every feature of a normalised text, as serving's scan emits them. `pieces: "always"` makes a short text one piece. */
export function extractFeatures(normalised: string, pieces: "auto" | "always" = "auto"): TextFeatures {
  const sink = new CollectingSink();
  scanFeatures(normalised, sink, pieces);
  return { whole: Int32Array.from(sink.whole), pieces: sink.pieces };
}

/**
 * The vector whose dot product serving computes: each bucket once, with the sign of the first feature that hit it,
 * / sqrt(buckets + pseudoCount). Presence, not counts: a text repeated ten times gives the same vector.
 */
export function aggregate(options: { hashes: Int32Array; bits: number; pseudoCount: number }): SparseVector {
  const mask = (1 << options.bits) - 1;
  const signs = new Map<number, number>();
  for (const hash of options.hashes) if (!signs.has(hash & mask)) signs.set(hash & mask, (hash >> 31) | 1);
  const denominator = signs.size + options.pseudoCount;
  const scale = denominator > 0 ? 1 / Math.sqrt(denominator) : 0;
  const indices = new Int32Array(signs.size);
  const values = new Float32Array(signs.size);
  let k = 0;
  for (const [index, sign] of signs) {
    indices[k] = index;
    values[k++] = sign * scale;
  }
  return { indices, values };
}

/** The whole-text vector of a normalised text. */
export function wholeTextVector(normalised: string, feature: FeatureConfig): SparseVector {
  return aggregate({ hashes: extractFeatures(normalised).whole, bits: feature.bits, pseudoCount: feature.normPseudoCount });
}

export interface FeatureMatrix {
  rowCount: number;
  /** Row r's entries are [offsets[r], offsets[r + 1]). */
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function buildFeatureMatrix(vectors: readonly SparseVector[]): FeatureMatrix {
  const offsets = new Int32Array(vectors.length + 1);
  let total = 0;
  vectors.forEach((vector, r) => {
    total += vector.indices.length;
    offsets[r + 1] = total;
  });
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  vectors.forEach((vector, r) => {
    indices.set(vector.indices, offsets[r]);
    values.set(vector.values, offsets[r]);
  });
  return { rowCount: vectors.length, offsets, indices, values };
}

/** Dot product of a sparse vector with one head's int8 weights (stride heads, offset head). */
export function dotInt8(options: { vector: SparseVector; weights: Int8Array; stride: number; head: number }): number {
  const { vector, weights, stride, head } = options;
  let sum = 0;
  for (let k = 0; k < vector.indices.length; k++) sum += weights[vector.indices[k] * stride + head] * vector.values[k];
  return sum;
}
