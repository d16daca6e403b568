// Words written one letter at a time, joined back: "p.i.p.e b.o.m.b" (dots, dashes, underscores or asterisks, one
// kind per word) and "i g n o r e   p r e v i o u s" (single spaces inside a word, wider gaps between words). The
// classifier scores the joined text as another view of the input (classifier-detector.ts): its n-grams are the
// words', not the separators'. Dotted runs need four letters, so "U.S.A." and "e.g." stay as they are; spaced runs
// need three ("a l l" inside a spaced sentence).
//
// "Letter" is approximated by code-unit ranges: ASCII letters and everything from U+00C0 up, except general and CJK
// punctuation (so “curly quotes” and dashes still end a word). Unicode property classes (`\p{L}`, flag u) made each
// pattern cost ~35 µs/KB on every text; these cost ~1–1.5 µs/KB.
const L = "A-Za-z\\u00c0-\\u1fff\\u2070-\\u2fff\\u3040-\\uffff";
const WORD_CHAR = `${L}0-9`;
// The same separator between each pair of letters; the run is not part of a longer word or number.
const DOTTED_WORD = new RegExp(`(?<![${WORD_CHAR}])[${L}]([.\\-_*])[${L}](?:\\1[${L}]){2,}(?![${WORD_CHAR}])`, "g");
// Single letters, each followed by exactly one space and then a letter; a wider gap ends the word.
const SPACED_WORD = new RegExp(`(?<![${WORD_CHAR}])[${L}](?: [${L}](?![${WORD_CHAR}])){2,}`, "g");
const SEPARATOR = /[.\-_* ]/g;

function joinLetters(run: string): string {
  return run.replace(SEPARATOR, "");
}

/** The text with its letter-separated words joined, or undefined when it has none. */
export function joinSeparatedLetters(text: string): string | undefined {
  const joined = text.replace(DOTTED_WORD, joinLetters).replace(SPACED_WORD, joinLetters);
  return joined === text ? undefined : joined;
}
