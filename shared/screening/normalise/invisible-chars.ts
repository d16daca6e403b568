// Finds the invisible characters prepareScanInput removes (zero-width, bidi controls, tag characters, other format
// characters used to hide or split text) while keeping their legitimate uses: ZWJ inside emoji sequences, tag
// characters of subdivision flags, ZWNJ/ZWJ between letters of joining scripts, one variation selector after an emoji.

/** A removed run of characters, as UTF-16 offsets into the original text (end exclusive). */
export interface RemovedRange {
  start: number;
  end: number;
}

// Every character that might be removed. Most text has none, so finding candidates is the whole cost.
const CANDIDATE_SOURCE = "[\\p{Cf}\\u034F\\u17B4\\u17B5\\u3164\\uFE00-\\uFE0F\\uFFA0\\u{E0100}-\\u{E01EF}]";
const CANDIDATE = new RegExp(`^${CANDIDATE_SOURCE}$`, "u");
// The original scan: one Unicode regex over the whole text (kept for tests, which compare the fast scan with it).
const UNICODE_SCAN = new RegExp(CANDIDATE_SOURCE, "gu");
// No candidate is below U+00AD. Runs of lower characters (most of any Latin-script text) are skipped by this regex,
// several times faster than a Unicode property regex or a JavaScript loop; higher characters are then walked one code
// point at a time with CANDIDATE's verdict cached per code unit (0 = not asked yet, 1 = candidate, 2 = not), so the
// answer is CANDIDATE's own on every runtime, whatever its Unicode version.
const FIRST_CANDIDATE = 0xad;
const NEXT_HIGH = /[^\x00-\xac]/g;
const BMP_VERDICT = new Uint8Array(0x10000);
const astralVerdict = new Map<number, boolean>();

function isCandidate(cp: number): boolean {
  if (cp <= 0xffff) {
    let verdict = BMP_VERDICT[cp];
    if (verdict === 0) BMP_VERDICT[cp] = verdict = CANDIDATE.test(String.fromCharCode(cp)) ? 1 : 2;
    return verdict === 1;
  }
  let verdict = astralVerdict.get(cp);
  if (verdict === undefined) {
    verdict = CANDIDATE.test(String.fromCodePoint(cp));
    if (astralVerdict.size < 4096) astralVerdict.set(cp, verdict); // emoji repeat; the bound keeps memory small
  }
  return verdict;
}

// Format characters that are visible or meaningful (Arabic number signs, Egyptian hieroglyph joiners): always kept.
const ALWAYS_KEEP = /^[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}\u{13430}-\u{1343F}]$/u;
const EMOJI_BEFORE_JOINER = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const EMOJI_AFTER_JOINER = /^\p{Extended_Pictographic}$/u;
const EMOJI_BASE = /^[\p{Emoji}\p{Extended_Pictographic}]$/u;
const FORMAT = /^\p{Cf}$/u;
const IDEOGRAPH = /^\p{Ideographic}$/u;
const JOINING_SCRIPT =
  /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tibetan}]$/u;

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const BOM = 0xfeff;
const BLACK_FLAG = 0x1f3f4;
const TAG_FIRST = 0xe0020;
const CANCEL_TAG = 0xe007f;

function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}
function isTag(cp: number): boolean {
  return cp >= TAG_FIRST && cp <= CANCEL_TAG;
}

/** The code point ending just before `index`, or -1 at the start. */
function codePointBefore(text: string, index: number): { cp: number; start: number } {
  if (index <= 0) return { cp: -1, start: 0 };
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return { cp: text.codePointAt(index - 2)!, start: index - 2 };
  }
  return { cp: low, start: index - 1 };
}

function test(re: RegExp, cp: number): boolean {
  return cp >= 0 && re.test(String.fromCodePoint(cp));
}

/** Length of a run of tag characters starting at `index` (UTF-16 units) and whether it is a valid flag sequence. */
function tagRun(text: string, index: number): { end: number; validFlag: boolean } {
  let i = index;
  let last = -1;
  let count = 0;
  let wellFormed = true;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (!isTag(cp)) break;
    // Subdivision flags use lowercase letters and digits only, then one cancel tag.
    if (cp !== CANCEL_TAG && !((cp >= 0xe0030 && cp <= 0xe0039) || (cp >= 0xe0061 && cp <= 0xe007a))) wellFormed = false;
    if (last === CANCEL_TAG) wellFormed = false;
    last = cp;
    count++;
    i += 2;
  }
  const before = codePointBefore(text, index).cp;
  return { end: i, validFlag: wellFormed && before === BLACK_FLAG && last === CANCEL_TAG && count >= 3 && count <= 8 };
}

/** Whether the format character at `index` (code point `cp`) is a legitimate use that must be kept. */
function isLegitimate(text: string, index: number, cp: number, width: number): boolean {
  if (ALWAYS_KEEP.test(String.fromCodePoint(cp))) return true;
  if (cp === BOM) return index === 0;
  const prev = codePointBefore(text, index).cp;
  const next = index + width < text.length ? text.codePointAt(index + width)! : -1;
  if (cp === ZWJ || cp === ZWNJ) {
    if (test(JOINING_SCRIPT, prev) && test(JOINING_SCRIPT, next)) return true;
    return cp === ZWJ && test(EMOJI_BEFORE_JOINER, prev) && test(EMOJI_AFTER_JOINER, next);
  }
  if (cp >= 0xfe00 && cp <= 0xfe0f) {
    // One selector after an emoji (or any non-ASCII character, for standardised variants); never a run of them.
    if (prev < 0 || isVariationSelector(prev) || test(FORMAT, prev)) return false;
    return test(EMOJI_BASE, prev) || prev > 0x7f;
  }
  if (cp >= 0xe0100 && cp <= 0xe01ef) return !isVariationSelector(prev) && test(IDEOGRAPH, prev);
  return false;
}

function addRange(ranges: RemovedRange[], start: number, end: number): void {
  const last = ranges[ranges.length - 1];
  if (last && last.end === start) last.end = end;
  else ranges.push({ start, end });
}

/**
 * Records the candidate at `index` (code point `cp`) in `ranges` unless it is a legitimate use; returns where the scan
 * resumes. Both scans visit candidates in order, code point by code point (a surrogate pair is one, a lone surrogate
 * is itself and never a candidate), as the original Unicode regex scan did.
 */
function visitCandidate(text: string, ranges: RemovedRange[], index: number, cp: number): number {
  const width = cp > 0xffff ? 2 : 1;
  if (isTag(cp)) {
    const run = tagRun(text, index);
    if (!run.validFlag) addRange(ranges, index, run.end);
    return run.end;
  }
  if (!isLegitimate(text, index, cp, width)) addRange(ranges, index, index + width);
  return index + width;
}

/** The invisible characters to remove from `text`, merged into ranges in ascending order. */
export function findInvisibleRanges(text: string, options?: { unicodeScan?: boolean }): RemovedRange[] {
  // No named closures in hot code: keepNames renames them on every call (docs/performance.md).
  const ranges: RemovedRange[] = [];
  if (options?.unicodeScan) {
    UNICODE_SCAN.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = UNICODE_SCAN.exec(text)) !== null) {
      UNICODE_SCAN.lastIndex = visitCandidate(text, ranges, match.index, text.codePointAt(match.index)!);
    }
    return ranges;
  }
  let index = 0;
  while (index < text.length) {
    NEXT_HIGH.lastIndex = index;
    if (NEXT_HIGH.exec(text) === null) break;
    index = NEXT_HIGH.lastIndex - 1;
    while (index < text.length && text.charCodeAt(index) >= FIRST_CANDIDATE) {
      const cp = text.codePointAt(index)!;
      index = isCandidate(cp) ? visitCandidate(text, ranges, index, cp) : index + (cp > 0xffff ? 2 : 1);
    }
  }
  return ranges;
}
