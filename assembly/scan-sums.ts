// The sums of the classifier's WebAssembly scan (classifier-scan.ts): the memory layout, the weights, the presence
// stamps and the running totals of the whole text, the current piece (line view) and the current sentence (sentence
// view), as scan-margins.ts's ScoringSink keeps them, and the results in scan-totals.ts's layout.
import { mix } from "./text-units";

export const MIN_PIECE_CHARS: i32 = 8;
const TABLE_MARKER_HASH: i32 = mix(0x7f4a7c15);

// Memory, laid out by configure(): whole-text weights (4 int8 per bucket, index-major), line weights (1 per bucket),
// whole-text, piece and sentence presence stamps (1 byte per bucket each), the results, then the text as UTF-16 units.
let mask: i32 = 0;
let wholeWeights: usize = 0;
let lineWeights: usize = 0;
let wholeStamps: usize = 0;
let pieceStamps: usize = 0;
let sentenceStamps: usize = 0;
let results: usize = 0;
export let textStart: usize = 0;
let linePseudoCount: f64 = 0;
// Stamps hold a generation: a bucket was seen in this text (piece) when its stamp equals the current generation.
let generation: i32 = 0;
let pieceGeneration: i32 = 0;
let sentenceGeneration: i32 = 0;

let sum0: i32 = 0;
let sum1: i32 = 0;
let sum2: i32 = 0;
let sum3: i32 = 0;
let buckets: i32 = 0;
let pieceSum: i32 = 0;
let pieceBuckets: i32 = 0;
let bestPiece: f64 = -Infinity;
let bestPieceStart: i32 = 0;
let bestPieceEnd: i32 = 0;
let sentenceSum: i32 = 0;
let sentenceBuckets: i32 = 0;
let bestSentence: f64 = -Infinity;
let bestSentenceStart: i32 = 0;
let bestSentenceEnd: i32 = 0;

/** A whole-text feature: its bucket's four weights, signed by the hash's top bit, once per bucket per text. */
@inline export function wholeFeature(hash: i32): void {
  const index = hash & mask;
  const stamp = wholeStamps + <usize>index;
  if (<i32>load<u8>(stamp) == generation) return;
  store<u8>(stamp, <u8>generation);
  const negate = hash >> 31; // 0 or -1: (w ^ negate) - negate is w or -w
  const weights = load<i32>(wholeWeights + (<usize>index << 2)); // little-endian: head 0 in the low byte
  sum0 += (((weights << 24) >> 24) ^ negate) - negate;
  sum1 += (((weights << 16) >> 24) ^ negate) - negate;
  sum2 += (((weights << 8) >> 24) ^ negate) - negate;
  sum3 += ((weights >> 24) ^ negate) - negate;
  buckets++;
}

/** A feature of the current piece (line view): its line weight, once per bucket per piece. */
@inline export function pieceFeature(hash: i32): void {
  const index = hash & mask;
  const stamp = pieceStamps + <usize>index;
  if (<i32>load<u8>(stamp) == pieceGeneration) return;
  store<u8>(stamp, <u8>pieceGeneration);
  const negate = hash >> 31;
  pieceSum += (<i32>load<i8>(lineWeights + <usize>index) ^ negate) - negate;
  pieceBuckets++;
}

/** A feature of the current sentence (sentence view): its line weight, once per bucket per sentence. */
@inline export function sentenceFeature(hash: i32): void {
  const index = hash & mask;
  const stamp = sentenceStamps + <usize>index;
  if (<i32>load<u8>(stamp) == sentenceGeneration) return;
  store<u8>(stamp, <u8>sentenceGeneration);
  const negate = hash >> 31;
  sentenceSum += (<i32>load<i8>(lineWeights + <usize>index) ^ negate) - negate;
  sentenceBuckets++;
}

function nextPieceGeneration(): void {
  if (++pieceGeneration == 0x100) {
    memory.fill(pieceStamps, 0, <usize>(mask + 1));
    pieceGeneration = 1;
  }
}

function nextSentenceGeneration(): void {
  if (++sentenceGeneration == 0x100) {
    memory.fill(sentenceStamps, 0, <usize>(mask + 1));
    sentenceGeneration = 1;
  }
}

/** Keeps a scored sentence's margin, from its line-weight sum and bucket count, when it beats the best so far. */
function offerSentence(sum: i32, count: i32, start: i32, end: i32): void {
  const margin = <f64>sum / Math.sqrt(<f64>count + linePseudoCount);
  if (margin > bestSentence) {
    bestSentence = margin;
    bestSentenceStart = start;
    bestSentenceEnd = end;
  }
}

export function endSentence(start: i32, end: i32, scored: bool): void {
  if (scored) offerSentence(sentenceSum, sentenceBuckets, start, end);
  sentenceSum = 0;
  sentenceBuckets = 0;
  nextSentenceGeneration();
}

/** A piece's first sentence, ended before its piece: its sums are the piece's so far (classifier-scan.ts). */
export function endFirstSentence(start: i32, end: i32, scored: bool): void {
  if (scored) offerSentence(pieceSum, pieceBuckets, start, end);
}

export function endPiece(start: i32, end: i32, tableContext: bool): void {
  if (end - start >= MIN_PIECE_CHARS) {
    if (tableContext) pieceFeature(TABLE_MARKER_HASH);
    const margin = <f64>pieceSum / Math.sqrt(<f64>pieceBuckets + linePseudoCount);
    if (margin > bestPiece) {
      bestPiece = margin;
      bestPieceStart = start;
      bestPieceEnd = end;
    }
  }
  pieceSum = 0;
  pieceBuckets = 0;
  nextPieceGeneration();
}

/** Lays memory out for 2^bits buckets; the caller then copies the weights to wholeWeightsOffset/lineWeightsOffset. */
export function configure(bits: i32, pseudoCount: f64): void {
  const size = <usize>1 << bits;
  mask = <i32>size - 1;
  wholeWeights = (__heap_base + 15) & ~15;
  lineWeights = wholeWeights + (size << 2);
  wholeStamps = lineWeights + size;
  pieceStamps = wholeStamps + size;
  sentenceStamps = pieceStamps + size;
  results = (sentenceStamps + size + 15) & ~15;
  textStart = results + 96;
  linePseudoCount = pseudoCount;
  reserve(0);
  memory.fill(wholeStamps, 0, size * 3);
  generation = 0;
  pieceGeneration = 0;
  sentenceGeneration = 0;
}

export function wholeWeightsOffset(): usize {
  return wholeWeights;
}

export function lineWeightsOffset(): usize {
  return lineWeights;
}

/** The totals of the last score(): eleven f64 in scan-totals.ts's layout. */
export function resultsOffset(): usize {
  return results;
}

export function textOffset(): usize {
  return textStart;
}

/** Grows memory to hold a text of `units` UTF-16 units; returns how many units fit now. */
export function reserve(units: i32): i32 {
  const needed = (textStart + (<usize>units << 1) + 0xffff) >> 16;
  const pages = <usize>memory.size();
  if (needed > pages && memory.grow(<i32>(needed - pages)) < 0) unreachable();
  return <i32>((<usize>memory.size() << 16) - textStart) >> 1;
}

/** Starts a text: zero sums, no best piece or sentence, a new generation of every stamp table. */
export function startText(): void {
  sum0 = sum1 = sum2 = sum3 = buckets = pieceSum = pieceBuckets = sentenceSum = sentenceBuckets = 0;
  bestPiece = bestSentence = -Infinity;
  bestPieceStart = bestPieceEnd = bestSentenceStart = bestSentenceEnd = 0;
  if (++generation == 0x100) {
    memory.fill(wholeStamps, 0, <usize>(mask + 1));
    generation = 1;
  }
  nextPieceGeneration();
  nextSentenceGeneration();
}

/**
 * scan-totals.ts's layout, as f64: the four sums, the bucket count, the best piece's and the best sentence's margin,
 * start and end.
 */
export function writeResults(): void {
  store<f64>(results, <f64>sum0, 0);
  store<f64>(results, <f64>sum1, 8);
  store<f64>(results, <f64>sum2, 16);
  store<f64>(results, <f64>sum3, 24);
  store<f64>(results, <f64>buckets, 32);
  store<f64>(results, bestPiece, 40);
  store<f64>(results, <f64>bestPieceStart, 48);
  store<f64>(results, <f64>bestPieceEnd, 56);
  store<f64>(results, bestSentence, 64);
  store<f64>(results, <f64>bestSentenceStart, 72);
  store<f64>(results, <f64>bestSentenceEnd, 80);
}
