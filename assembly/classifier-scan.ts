// The classifier's serving scan as WebAssembly (AssemblyScript; built by `npm run build:wasm` into
// shared/screening/classifiers/classifier-scan.wasm). It is scanFeatures (text-features.ts) fused with the scoring
// of scan-margins.ts: the same features, the same once-per-bucket presence, the same integer sums, so the margins are
// bit for bit those of the TypeScript scan, which training uses (classifier-scan.test.ts compares
// them on the corpus). It costs about 60% of that scan on Node and a third in workerd: no sink calls, four weights in
// one load, a fast path for letters and digits (docs/classifiers.md).
// Any change to the features goes into both files (and text-units.ts, its hashing and code-unit classes).
import { fnvStep, gramHash, isAsciiWordUnit, isCjk, isSentenceEnd, isSpace, isWordUnit, mix } from "./text-units";

const WORD_SEED: i32 = 0x2f6b1a3d;
const BIGRAM_SEED: i32 = 0x5bd1e995;
const TABLE_SEED: i32 = 0x1b873593;
const SPACE: i32 = 32;
const NEWLINE: i32 = 10;
const PIPE: i32 = 124;
const MIN_PIECED_CHARS: i32 = 300;
const MIN_PIECE_CHARS: i32 = 8;
const SOFT_PIECE_CHARS: i32 = 200;
const HARD_PIECE_CHARS: i32 = 400;

// Memory, laid out by configure(): whole-text weights (4 int8 per bucket, index-major), line weights (1 per bucket),
// whole-text and piece presence stamps (1 byte per bucket each), the results, then the text as UTF-16 units.
let mask: i32 = 0;
let wholeWeights: usize = 0;
let lineWeights: usize = 0;
let wholeStamps: usize = 0;
let pieceStamps: usize = 0;
let results: usize = 0;
let textStart: usize = 0;
let linePseudoCount: f64 = 0;
// Stamps hold a generation: a bucket was seen in this text (piece) when its stamp equals the current generation.
let generation: i32 = 0;
let pieceGeneration: i32 = 0;

let length: i32 = 0;
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
// Whether this score() runs the line view (prompt_injection's best piece); the whole-text sums never depend on it.
let lineView: bool = true;


const TABLE_MARKER_HASH: i32 = mix(0x7f4a7c15);

@inline function unitAt(i: i32): i32 {
  return <i32>load<u16>(textStart + (<usize>i << 1));
}




function nextNonSpace(i: i32): i32 {
  while (i < length && isSpace(unitAt(i))) i++;
  return i;
}

/** A line starting at `i` is prose next to a table: not a table row itself, and the line before or after is one. */
function inTableContext(i: i32, previousLineWasTableRow: bool): bool {
  if (unitAt(i) == PIPE) return false;
  if (previousLineWasTableRow) return true;
  let lineEnd = i;
  while (lineEnd < length && unitAt(lineEnd) != NEWLINE) lineEnd++;
  if (lineEnd >= length) return false;
  const next = nextNonSpace(lineEnd);
  return next < length && unitAt(next) == PIPE;
}

/** A whole-text feature: its bucket's four weights, signed by the hash's top bit, once per bucket per text. */
@inline function wholeFeature(hash: i32): void {
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
@inline function pieceFeature(hash: i32): void {
  const index = hash & mask;
  const stamp = pieceStamps + <usize>index;
  if (<i32>load<u8>(stamp) == pieceGeneration) return;
  store<u8>(stamp, <u8>pieceGeneration);
  const negate = hash >> 31;
  pieceSum += (<i32>load<i8>(lineWeights + <usize>index) ^ negate) - negate;
  pieceBuckets++;
}

function nextPieceGeneration(): void {
  if (++pieceGeneration == 0x100) {
    memory.fill(pieceStamps, 0, <usize>(mask + 1));
    pieceGeneration = 1;
  }
}

function endPiece(start: i32, end: i32, tableContext: bool): void {
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
  results = (pieceStamps + size + 15) & ~15;
  textStart = results + 64;
  linePseudoCount = pseudoCount;
  reserve(0);
  memory.fill(wholeStamps, 0, size << 1);
  generation = 0;
  pieceGeneration = 0;
}

export function wholeWeightsOffset(): usize {
  return wholeWeights;
}

export function lineWeightsOffset(): usize {
  return lineWeights;
}

/** The totals of the last score(): eight f64 in scan-totals.ts's layout. */
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

/**
 * Scores the `textLength` units at textOffset() and writes the sums to resultsOffset(); `withLineView` 0 skips the
 * line view (its best piece stays -Infinity), about a third of the scan on a long text.
 */
export function score(textLength: i32, withLineView: i32): void {
  length = textLength;
  lineView = withLineView != 0;
  sum0 = sum1 = sum2 = sum3 = buckets = pieceSum = pieceBuckets = 0;
  bestPiece = -Infinity;
  bestPieceStart = bestPieceEnd = 0;
  if (++generation == 0x100) {
    memory.fill(wholeStamps, 0, <usize>(mask + 1));
    generation = 1;
  }
  nextPieceGeneration();
  scan();
  // scan-totals.ts's layout, as f64: the four sums, the bucket count, the best piece's margin, start and end.
  store<f64>(results, <f64>sum0, 0);
  store<f64>(results, <f64>sum1, 8);
  store<f64>(results, <f64>sum2, 16);
  store<f64>(results, <f64>sum3, 24);
  store<f64>(results, <f64>buckets, 32);
  store<f64>(results, bestPiece, 40);
  store<f64>(results, <f64>bestPieceStart, 48);
  store<f64>(results, <f64>bestPieceEnd, 56);
}

/** A feature of the whole text that is also one of the current piece's when `inPiece`. */
@inline function feature(hash: i32, inPiece: bool, tableContext: bool): void {
  wholeFeature(hash);
  if (inPiece) {
    pieceFeature(hash);
    if (tableContext) pieceFeature(mix(hash ^ TABLE_SEED));
  }
}

/**
 * text-features.ts's scanFeatures with the sink calls replaced by wholeFeature/pieceFeature, plus a fast path for
 * the commonest unit, an ASCII letter or digit (no whitespace, no word end, no piece boundary to consider).
 */
function scan(): void {
  let i = nextNonSpace(0);
  if (i >= length) return;
  const pieced = lineView && length > MIN_PIECED_CHARS;
  let position = 0;
  let c1 = SPACE;
  let packed = SPACE;
  let wideUntil = 0;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  let word = WORD_SEED;
  let wordStart = -1;
  let previousWord = 0;
  let previousWordStart = -1;
  let pieceStart = 0;
  let pieceTextStart = i;
  let lineIsTableRow = unitAt(i) == PIPE;
  let tableContext = pieced && inTableContext(i, false);
  let finished = false;
  while (!finished) {
    if (i < length) {
      const c = unitAt(i);
      if (isAsciiWordUnit(c)) {
        i++;
        position++;
        r3 = r2;
        r2 = r1;
        r1 = c1;
        c1 = c;
        packed = (packed << 8) | c;
        if (position >= 3) feature(gramHash(position, wideUntil, packed, r3, r2, r1, c1), pieced && position - 3 >= pieceStart, tableContext);
        if (wordStart < 0) wordStart = position;
        word = fnvStep(word, c);
        continue;
      }
    }
    // The general path, as in text-features.ts: whitespace runs, punctuation, wider units, the end of the text.
    let c: i32;
    let boundary = false;
    let lineBreak = false;
    const runStart = i;
    if (i >= length) {
      c = SPACE;
      finished = true;
    } else {
      c = unitAt(i);
      if ((c > SPACE && c < 0x7f) || !isSpace(c)) {
        i++;
      } else {
        while (i < length && isSpace(unitAt(i))) {
          if (unitAt(i) == NEWLINE) lineBreak = true;
          i++;
        }
        if (i >= length) finished = true;
        else if (pieced) {
          const pieceLength = position + 1 - pieceStart;
          boundary = lineBreak || (isSentenceEnd(c1) && pieceLength >= SOFT_PIECE_CHARS) || pieceLength >= HARD_PIECE_CHARS;
        }
        c = SPACE;
      }
    }
    position++;
    r3 = r2;
    r2 = r1;
    r1 = c1;
    c1 = c;
    packed = (packed << 8) | (c & 0xff);
    if (c > 0xff) wideUntil = position + 3;
    if (position >= 3) feature(gramHash(position, wideUntil, packed, r3, r2, r1, c1), pieced && position - 3 >= pieceStart, tableContext);
    const cjk = c >= 0x3040 && isCjk(c);
    if (c < 0x80 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) : !cjk && isWordUnit(c)) {
      if (wordStart < 0) wordStart = position;
      word = fnvStep(word, c);
    } else {
      for (let pass = 0; pass < 2; pass++) {
        if (pass == 0 ? wordStart < 0 : !cjk) continue;
        if (pass == 1) {
          wordStart = position;
          word = fnvStep(WORD_SEED, c);
        }
        const inPiece = pieced && wordStart >= pieceStart;
        feature(mix(word), inPiece, tableContext);
        if (previousWordStart >= 0) {
          // Bigrams get no table conjunction (as in text-features.ts).
          feature(mix(fnvStep(previousWord ^ BIGRAM_SEED, 0) ^ word), inPiece && previousWordStart >= pieceStart, false);
        }
        previousWord = word;
        previousWordStart = wordStart;
        word = WORD_SEED;
        wordStart = -1;
      }
    }
    if (boundary) {
      endPiece(pieceTextStart, runStart, tableContext);
      pieceStart = position;
      pieceTextStart = i;
      if (lineBreak) {
        tableContext = inTableContext(i, lineIsTableRow);
        lineIsTableRow = unitAt(i) == PIPE;
      }
    }
  }
  if (pieced) {
    let end = length;
    while (end > 0 && isSpace(unitAt(end - 1))) end--;
    endPiece(pieceTextStart, end, tableContext);
  }
}
