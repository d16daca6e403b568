// The classifier's features in one pass over normalised text: char 4-grams over whitespace-collapsed,
// space-padded text and word uni/bigrams (CJK characters are words of their own), each a signed hashed feature. On
// long texts the same pass also groups them into pieces (one per line; long lines cut after a sentence) for the
// line view, with feature x table-context conjunctions for prose lines next to table rows, and each piece that holds
// several sentences into sentences too (the sentence view: an instruction inside a paragraph is not diluted by it).
// Training (scripts/train) and the reference scorer (scan-margins.ts) run this scan through different sinks, so both
// see exactly the same features. Serving runs its WebAssembly port (assembly/classifier-scan.ts, scan-sums.ts and
// text-units.ts): change both (classifier-scan.test.ts fails on any difference).

export interface PieceEnd {
  /** The piece's span in the normalised text (trimmed of the surrounding whitespace). */
  start: number;
  end: number;
  /** Prose (not itself a table row) next to a table row: the sink adds the table-context marker feature. */
  tableContext: boolean;
  /** Long enough to score (MIN_PIECE_CHARS); shorter pieces ("Hi Sam,", table rules) still count for the whole text. */
  scored: boolean;
}

/** A sentence of a piece (the sentence view): scored when the piece holds more than it, outside tables. */
export interface SentenceEnd {
  start: number;
  end: number;
  scored: boolean;
}

/** Receives every feature as a mixed 32-bit hash: bucket = hash & mask, sign = top bit. */
export interface FeatureSink {
  /**
   * A whole-text feature; `inPiece` when it also lies wholly inside the current piece, `inSentence` inside the current
   * sentence (which lies inside the piece).
   */
  feature(hash: number, inPiece: boolean, inSentence: boolean): void;
  /** A feature of the current piece conjoined with table context (emitted only for pieces in table context). */
  conjunction(hash: number): void;
  endPiece(piece: PieceEnd): void;
  endSentence(sentence: SentenceEnd): void;
}

/** Texts longer than this get pieces (shorter ones are scored whole; the line view would only repeat them). */
export const MIN_PIECED_CHARS = 300;
export const MIN_PIECE_CHARS = 8;
/** A piece ends at a line break, or after a sentence once this long, or at any space once HARD_PIECE_CHARS long. */
export const SOFT_PIECE_CHARS = 200;
export const HARD_PIECE_CHARS = 400;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
// Distinct seeds keep a char n-gram, a word, a bigram and a table conjunction with the same letters apart.
const WORD_SEED = 0x2f6b1a3d;
const BIGRAM_SEED = 0x5bd1e995;
const TABLE_SEED = 0x1b873593;
const GRAM_SEED = 0x68e31da4;
/** The one feature every table-context piece gets. */
export const TABLE_MARKER_HASH = mix(0x7f4a7c15);
const SPACE = 32;
const NEWLINE = 10;
const PIPE = 124;

/** FNV-1a over UTF-16 code units: the stable text hash used for splits and ids (not for features). */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** murmur3's finaliser spreads FNV's weak low bits. */
export function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function isSpace(c: number): boolean {
  return c === SPACE || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

/** CJK scripts have no spaces: each ideograph/kana is its own word token (so word bigrams act as char bigrams). */
function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

function isWordUnit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7);
}

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x3002;
}

function nextNonSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** A line starting at `i` is prose next to a table: not a table row itself, and the line before or after is one. */
function inTableContext(text: string, i: number, previousLineWasTableRow: boolean): boolean {
  if (text.charCodeAt(i) === PIPE) return false;
  if (previousLineWasTableRow) return true;
  const lineEnd = text.indexOf("\n", i);
  return lineEnd >= 0 && text.charCodeAt(nextNonSpace(text, lineEnd)) === PIPE;
}

function lastNonSpaceEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Runs the scan. `pieces`: "auto" cuts pieces only in texts over MIN_PIECED_CHARS (serving); "always" also makes a
 * short text one piece (training uses short attack strings as line-view examples). One flat loop, no closures: the
 * state stays in registers (this is the classifier's hot path).
 */
export function scanFeatures(text: string, sink: FeatureSink, pieces: "auto" | "always" = "auto"): void {
  const length = text.length;
  let i = nextNonSpace(text, 0);
  if (i >= length) return; // empty or whitespace only: no features
  const pieced = pieces === "always" || length > MIN_PIECED_CHARS;
  // The stream is " " + text with whitespace runs collapsed to one space + " "; positions count stream units.
  let position = 0;
  let c1 = SPACE; // the newest unit
  // The 4-gram ending here is r3 r2 r1 c1: packed 8 bits a unit while all four are Latin-1 (`wideUntil` is the last
  // position whose 4-gram still holds a wider unit), else hashed with FNV. The first 4-gram ends at position 3.
  let packed = SPACE;
  let wideUntil = 0;
  let r1 = 0, r2 = 0, r3 = 0;
  let word = WORD_SEED;
  let wordStart = -1; // stream position of the current word's first unit; -1 outside a word
  let previousWord = 0;
  let previousWordStart = -1;
  let pieceStart = 0; // stream position of the current piece's leading space
  let pieceTextStart = i;
  let sentenceStart = 0; // the same for the current sentence, inside the piece
  let sentenceTextStart = i;
  let lineIsTableRow = text.charCodeAt(i) === PIPE;
  let tableContext = pieced && inTableContext(text, i, false);
  let finished = false;
  while (!finished) {
    let c: number;
    let boundary = false;
    let sentenceBoundary = false;
    let lineBreak = false;
    const runStart = i;
    if (i >= length) {
      c = SPACE; // the closing pad
      finished = true;
    } else if (((c = text.charCodeAt(i)) > SPACE && c < 0x7f) || !isSpace(c)) {
      i++;
    } else {
      while (i < length && isSpace(text.charCodeAt(i))) {
        if (text.charCodeAt(i) === NEWLINE) lineBreak = true;
        i++;
      }
      if (i >= length) finished = true; // a trailing run is the closing pad
      else if (pieced) {
        const pieceLength = position + 1 - pieceStart;
        boundary = lineBreak || (isSentenceEnd(c1) && pieceLength >= SOFT_PIECE_CHARS) || pieceLength >= HARD_PIECE_CHARS;
        sentenceBoundary = boundary || isSentenceEnd(c1);
      }
      c = SPACE;
    }
    position++;
    r3 = r2; r2 = r1; r1 = c1; c1 = c;
    packed = (packed << 8) | (c & 0xff);
    if (c > 0xff) wideUntil = position + 3;
    if (position >= 3) {
      const h4 = position > wideUntil
        ? mix(packed ^ GRAM_SEED)
        : mix(fnvStep(fnvStep(fnvStep(fnvStep(FNV_OFFSET, r3), r2), r1), c1));
      const inPiece = pieced && position - 3 >= pieceStart;
      sink.feature(h4, inPiece, inPiece && position - 3 >= sentenceStart);
      if (inPiece && tableContext) sink.conjunction(mix(h4 ^ TABLE_SEED));
    }
    // ASCII first: most text never reaches the wider checks.
    const cjk = c >= 0x3040 && isCjk(c);
    if (c < 0x80 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) : !cjk && isWordUnit(c)) {
      if (wordStart < 0) wordStart = position;
      word = fnvStep(word, c);
    } else {
      // A word just ended and/or a CJK character is a word of its own: emit its unigram, conjunction and bigram.
      for (let pass = 0; pass < 2; pass++) {
        if (pass === 0 ? wordStart < 0 : !cjk) continue;
        if (pass === 1) {
          wordStart = position;
          word = fnvStep(WORD_SEED, c);
        }
        const inPiece = pieced && wordStart >= pieceStart;
        const inSentence = inPiece && wordStart >= sentenceStart;
        const unigram = mix(word);
        sink.feature(unigram, inPiece, inSentence);
        if (inPiece && tableContext) sink.conjunction(mix(unigram ^ TABLE_SEED));
        if (previousWordStart >= 0) {
          const bigram = mix(fnvStep(previousWord ^ BIGRAM_SEED, 0) ^ word);
          sink.feature(bigram, inPiece && previousWordStart >= pieceStart, inSentence && previousWordStart >= sentenceStart);
        }
        previousWord = word;
        previousWordStart = wordStart;
        word = WORD_SEED;
        wordStart = -1;
      }
    }
    if (sentenceBoundary) {
      // A sentence that is its whole piece adds nothing to the line view; nor does one in or beside a table.
      const part = !boundary || sentenceTextStart !== pieceTextStart;
      const scored = part && !tableContext && !lineIsTableRow && runStart - sentenceTextStart >= MIN_PIECE_CHARS;
      sink.endSentence({ start: sentenceTextStart, end: runStart, scored });
      sentenceStart = position;
      sentenceTextStart = i;
    }
    if (boundary) {
      sink.endPiece({ start: pieceTextStart, end: runStart, tableContext, scored: runStart - pieceTextStart >= MIN_PIECE_CHARS });
      pieceStart = position;
      pieceTextStart = i;
      if (lineBreak) {
        // A new line: its table context is known now (the previous line, and a peek at the next).
        tableContext = inTableContext(text, i, lineIsTableRow);
        lineIsTableRow = text.charCodeAt(i) === PIPE;
      }
    }
  }
  if (pieced) {
    const end = lastNonSpaceEnd(text);
    const part = sentenceTextStart !== pieceTextStart;
    sink.endSentence({ start: sentenceTextStart, end, scored: part && !tableContext && !lineIsTableRow && end - sentenceTextStart >= MIN_PIECE_CHARS });
    sink.endPiece({ start: pieceTextStart, end, tableContext, scored: end - pieceTextStart >= MIN_PIECE_CHARS });
  }
}
