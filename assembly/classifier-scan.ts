// The classifier's serving scan as WebAssembly (AssemblyScript; built by `npm run build:wasm` into
// shared/screening/classifiers/classifier-scan.wasm). It is scanFeatures (text-features.ts) fused with the scoring
// of scan-margins.ts: the same features, the same once-per-bucket presence, the same integer sums, so the margins are
// bit for bit those of the TypeScript scan, which training uses (classifier-scan.test.ts compares
// them on the corpus). It costs about 60% of that scan on Node and a third in workerd: no sink calls, four weights in
// one load, a fast path for letters and digits (docs/classifiers.md).
// Any change to the features goes into both files (and text-units.ts, its hashing and code-unit classes; scan-sums.ts,
// the sums and the memory layout).
import {
  endFirstSentence, endPiece, endSentence, MIN_PIECE_CHARS, pieceFeature, sentenceFeature, startText, textStart,
  wholeFeature, writeResults,
} from "./scan-sums";
import { fnvStep, gramHash, isAsciiWordUnit, isCjk, isSentenceEnd, isSpace, isWordUnit, mix } from "./text-units";

export { configure, lineWeightsOffset, reserve, resultsOffset, textOffset, wholeWeightsOffset } from "./scan-sums";

const WORD_SEED: i32 = 0x2f6b1a3d;
const BIGRAM_SEED: i32 = 0x5bd1e995;
const TABLE_SEED: i32 = 0x1b873593;
const SPACE: i32 = 32;
const NEWLINE: i32 = 10;
const PIPE: i32 = 124;
const MIN_PIECED_CHARS: i32 = 300;
const SOFT_PIECE_CHARS: i32 = 200;
const HARD_PIECE_CHARS: i32 = 400;
// A piece's first sentence has the piece's own sums so far (same start, same presence): the sentence sums start at
// its second sentence, so a one-sentence line, most lines, costs the sentence view nothing.
const NOT_YET: i32 = 0x7fffffff;

let length: i32 = 0;
// Whether this score() runs the line and sentence views (prompt_injection's); the whole-text sums never depend on it.
let lineView: bool = true;

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

/**
 * Scores the `textLength` units at textOffset() and writes the sums to resultsOffset(); `withLineView` 0 skips the
 * line and sentence views (their best stays -Infinity), about a third of the scan on a long text.
 */
export function score(textLength: i32, withLineView: i32): void {
  length = textLength;
  lineView = withLineView != 0;
  startText();
  scan();
  writeResults();
}

/** A whole-text feature that is also the current piece's when `inPiece`, and the sentence's when `inSentence`. */
@inline function feature(hash: i32, inPiece: bool, inSentence: bool, tableContext: bool): void {
  wholeFeature(hash);
  if (inPiece) {
    pieceFeature(hash);
    if (inSentence) sentenceFeature(hash);
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
  let sentenceStart = NOT_YET;
  let sentenceTextStart = i;
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
        if (position >= 3) {
          const inPiece = pieced && position - 3 >= pieceStart;
          const gram = gramHash(position, wideUntil, packed, r3, r2, r1, c1);
          feature(gram, inPiece, inPiece && position - 3 >= sentenceStart, tableContext);
        }
        if (wordStart < 0) wordStart = position;
        word = fnvStep(word, c);
        continue;
      }
    }
    // The general path, as in text-features.ts: whitespace runs, punctuation, wider units, the end of the text.
    let c: i32;
    let boundary = false;
    let sentenceBoundary = false;
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
          sentenceBoundary = boundary || isSentenceEnd(c1);
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
    if (position >= 3) {
      const inPiece = pieced && position - 3 >= pieceStart;
      const gram = gramHash(position, wideUntil, packed, r3, r2, r1, c1);
      feature(gram, inPiece, inPiece && position - 3 >= sentenceStart, tableContext);
    }
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
        const inSentence = inPiece && wordStart >= sentenceStart;
        feature(mix(word), inPiece, inSentence, tableContext);
        if (previousWordStart >= 0) {
          // Bigrams get no table conjunction (as in text-features.ts).
          feature(
            mix(fnvStep(previousWord ^ BIGRAM_SEED, 0) ^ word),
            inPiece && previousWordStart >= pieceStart,
            inSentence && previousWordStart >= sentenceStart,
            false,
          );
        }
        previousWord = word;
        previousWordStart = wordStart;
        word = WORD_SEED;
        wordStart = -1;
      }
    }
    if (sentenceBoundary) {
      // A sentence that is its whole piece adds nothing to the line view; nor does one in or beside a table.
      const first = sentenceTextStart == pieceTextStart;
      const prose = !tableContext && !lineIsTableRow;
      const scored = (!boundary || !first) && prose && runStart - sentenceTextStart >= MIN_PIECE_CHARS;
      if (first) endFirstSentence(sentenceTextStart, runStart, scored);
      else endSentence(sentenceTextStart, runStart, scored);
      sentenceStart = boundary ? NOT_YET : position;
      sentenceTextStart = i;
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
    if (sentenceTextStart != pieceTextStart) {
      const prose = !tableContext && !lineIsTableRow;
      endSentence(sentenceTextStart, end, prose && end - sentenceTextStart >= MIN_PIECE_CHARS);
    }
    endPiece(pieceTextStart, end, tableContext);
  }
}
