// Fast word tokenisation shared by the meaning-based detectors (banned topics, canary shingles): a character-code
// loop with a lookup table instead of a Unicode regex, which is several times slower on long texts.

// 0 = not yet classified, 1 = word character (letter, digit, combining mark), 2 = not a word character.
const CLASS = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isWordCode(code: number): boolean {
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
