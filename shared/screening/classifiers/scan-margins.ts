// The classifier's scoring in TypeScript: scanFeatures (text-features.ts) through a sink that sums the int8 weights
// of each feature as it is emitted. This is the reference: training scans through the same function, and the
// WebAssembly scan (wasm-margins.ts), which serving runs, must give the same totals bit for bit.
import type { DecodedModel, MarginsOptions } from "./linear-model";
import {
  BEST, BEST_END, BEST_SENTENCE, BEST_SENTENCE_END, BEST_SENTENCE_START, BEST_START, COUNT, marginsFromTotals, S0, S1, S2, S3,
  TOTAL_SLOTS, type Margins,
} from "./scan-totals";
import { scanFeatures, TABLE_MARKER_HASH, type FeatureSink, type PieceEnd, type SentenceEnd } from "./text-features";

const PIECE = TOTAL_SLOTS, PIECE_COUNT = TOTAL_SLOTS + 1, SENTENCE = TOTAL_SLOTS + 2, SENTENCE_COUNT = TOTAL_SLOTS + 3;

/** Where the best piece's (line view) and the best sentence's margin and span are kept in the totals. */
interface BestSlots {
  margin: number;
  start: number;
  end: number;
}
const BEST_PIECE_SLOTS: BestSlots = { margin: BEST, start: BEST_START, end: BEST_END };
const BEST_SENTENCE_SLOTS: BestSlots = { margin: BEST_SENTENCE, start: BEST_SENTENCE_START, end: BEST_SENTENCE_END };

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


/** Sums the int8 weights of every feature as the scan emits it: no feature vector is ever built. */
class ScoringSink implements FeatureSink {
  mask = 0;
  whole: Int8Array = new Int8Array(4);
  line: Int8Array = new Int8Array(1);
  /** The scan totals (TOTALS_LAYOUT slots) and, after them, the current piece's and sentence's sums and bucket counts. */
  readonly sums = new Float64Array(TOTAL_SLOTS + 4);
  readonly wholeSeen = new BucketStamps();
  readonly pieceSeen = new BucketStamps();
  readonly sentenceSeen = new BucketStamps();
  linePseudoCount = 0;

  reset(model: DecodedModel): void {
    this.mask = (1 << model.feature.bits) - 1;
    this.whole = model.weights;
    this.line = model.line.weights;
    this.linePseudoCount = model.feature.linePseudoCount;
    this.sums.fill(0);
    this.sums[BEST] = -Infinity;
    this.sums[BEST_SENTENCE] = -Infinity;
    this.wholeSeen.next(this.mask + 1);
    this.pieceSeen.next(this.mask + 1);
    this.sentenceSeen.next(this.mask + 1);
  }

  feature(hash: number, inPiece: boolean, inSentence: boolean): void {
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
    if (inSentence && this.sentenceSeen.firstTime(index)) {
      sums[SENTENCE] += this.line[index] * sign;
      sums[SENTENCE_COUNT]++;
    }
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
      this.offerBest({ sum: sums[PIECE], count: sums[PIECE_COUNT], slots: BEST_PIECE_SLOTS, span: piece });
    }
    sums[PIECE] = sums[PIECE_COUNT] = 0;
    this.pieceSeen.next(this.mask + 1);
  }

  endSentence(sentence: SentenceEnd): void {
    const sums = this.sums;
    if (sentence.scored) this.offerBest({ sum: sums[SENTENCE], count: sums[SENTENCE_COUNT], slots: BEST_SENTENCE_SLOTS, span: sentence });
    sums[SENTENCE] = sums[SENTENCE_COUNT] = 0;
    this.sentenceSeen.next(this.mask + 1);
  }

  /** Keeps a scored piece's or sentence's margin and span when it beats the best so far (scan-sums.ts does the same). */
  private offerBest(options: { sum: number; count: number; slots: BestSlots; span: { start: number; end: number } }): void {
    const { slots, span } = options;
    const margin = options.sum / Math.sqrt(options.count + this.linePseudoCount);
    if (margin > this.sums[slots.margin]) {
      this.sums[slots.margin] = margin;
      this.sums[slots.start] = span.start;
      this.sums[slots.end] = span.end;
    }
  }
}

const SINK = new ScoringSink();

/** Margins of already-normalised text by the TypeScript scan; without the line view, no best piece (as the WebAssembly scan). */
export function scanMargins(model: DecodedModel, normalised: string, options: MarginsOptions = {}): Margins {
  SINK.reset(model);
  scanFeatures(normalised, SINK);
  if (options.lineView === false) {
    SINK.sums[BEST] = SINK.sums[BEST_SENTENCE] = -Infinity;
    SINK.sums[BEST_START] = SINK.sums[BEST_END] = SINK.sums[BEST_SENTENCE_START] = SINK.sums[BEST_SENTENCE_END] = 0;
  }
  return marginsFromTotals(model, SINK.sums);
}
