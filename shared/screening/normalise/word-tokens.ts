// Fast word tokenisation shared by the meaning-based detectors (banned topics, canary shingles): a character-code
// loop with a lookup table instead of a Unicode regex, which is several times slower on long texts.

// 0 = not yet classified, 1 = word character (letter, digit, combining mark), 2 = not a word character.
const CLASS = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** Whether a UTF-16 code unit is part of a word (a letter, digit or mark; never a surrogate half). */
export function isWordCode(code: number): boolean {
  let c = CLASS[code];
  if (c === 0) {
    // Surrogate halves are never word characters here: astral letters are rare, emoji are not words.
    c = code >= 0xd800 && code <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    CLASS[code] = c;
  }
  return c === 1;
}

/** The words (maximal runs of letters, digits and marks) of `text`, in order. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWordCode(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

/** `text` with every non-word character removed: spacing, punctuation and separators no longer matter. */
export function compactWords(text: string): string {
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWordCode(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      parts.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) parts.push(text.slice(start));
  return parts.join("");
}

/**
 * Whether `words` (each a run of word characters, e.g. from wordsOf) occur in `text` as consecutive whole words,
 * separated by anything that is not a word character: the same answer as looking for the sequence in
 * wordsOf(text), but found with indexOf on the first word, which is far cheaper than splitting a long text.
 */
export function hasWordSequence(text: string, words: readonly string[]): boolean {
  const first = words[0];
  if (first === undefined || first.length === 0) return false;
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
    if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
    let end = at + first.length;
    if (end < text.length && isWordCode(text.charCodeAt(end))) continue;
    let k = 1;
    for (; k < words.length; k++) {
      while (end < text.length && !isWordCode(text.charCodeAt(end))) end++;
      const word = words[k];
      if (!text.startsWith(word, end)) break;
      end += word.length;
      if (end < text.length && isWordCode(text.charCodeAt(end))) break;
    }
    if (k === words.length) return true;
  }
  return false;
}

/**
 * Whether compactWords(text) contains `needle` (word characters only), without building the compacted copy: each
 * occurrence of the needle's rarest-looking character is extended backwards and forwards over word characters,
 * skipping whatever separates them.
 */
export function compactIncludes(text: string, needle: string): boolean {
  if (needle.length === 0) return true;
  const pivot = rarestIndex(needle);
  const pivotChar = needle[pivot];
  for (let at = text.indexOf(pivotChar); at >= 0; at = text.indexOf(pivotChar, at + 1)) {
    let i = at;
    let k = pivot - 1;
    for (; k >= 0; k--) {
      i--;
      while (i >= 0 && !isWordCode(text.charCodeAt(i))) i--;
      if (i < 0 || text.charCodeAt(i) !== needle.charCodeAt(k)) break;
    }
    if (k >= 0) continue;
    i = at;
    k = pivot + 1;
    for (; k < needle.length; k++) {
      i++;
      while (i < text.length && !isWordCode(text.charCodeAt(i))) i++;
      if (i >= text.length || text.charCodeAt(i) !== needle.charCodeAt(k)) break;
    }
    if (k === needle.length) return true;
  }
  return false;
}

// Letters roughly from most to least common in English prose; digits and anything else count as rare.
const COMMON = "etaoinsrhldcumfpgwybvkxjqz";

function rarestIndex(needle: string): number {
  let best = 0;
  let bestRank = -1;
  for (let i = 0; i < needle.length; i++) {
    const common = COMMON.indexOf(needle[i]);
    const rank = common < 0 ? COMMON.length : common;
    if (rank > bestRank) {
      best = i;
      bestRank = rank;
    }
  }
  return best;
}
