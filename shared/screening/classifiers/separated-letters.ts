// Words written one letter at a time, joined back: "p.i.p.e b.o.m.b" (dots, dashes, underscores or asterisks, one
// kind per word) and "i g n o r e   p r e v i o u s" (single spaces inside a word, wider gaps between words). The
// classifier scores the joined text as another view of the input (classifier-detector.ts): its n-grams are the
// words', not the separators'. Dotted runs need four letters, so "U.S.A." and "e.g." stay as they are; spaced runs
// need three ("a l l" inside a spaced sentence).

// The same separator between each pair of letters; the run is not part of a longer word or number.
const DOTTED_WORD = /(?<![\p{L}\p{N}])\p{L}([.\-_*])\p{L}(?:\1\p{L}){2,}(?![\p{L}\p{N}])/gu;
// Single letters, each followed by exactly one space and then a letter; a wider gap ends the word.
const SPACED_WORD = /(?<![\p{L}\p{N}])\p{L}(?: \p{L}(?![\p{L}\p{N}])){2,}/gu;
const SEPARATOR = /[.\-_* ]/g;
// Cheap first looks, without lookbehind or Unicode classes (the two patterns above cost ~36 µs/KB run on every
// text). A dotted run of four letters always holds "separator letter separator letter separator". A spaced run of
// three holds "x y z" between spaces or ASCII punctuation (missed only for a three- or four-letter spaced word right
// next to other punctuation, such as curly quotes). Ordinary prose almost never has either.
const DOTTED_HINT = /[.\-_*][^\s.\-_*][.\-_*][^\s.\-_*][.\-_*]/;
const SPACED_HINT = /(?:^|[\s!-/:-@[-`{-~])[^\s] [^\s] [^\s](?:$|[\s!-/:-@[-`{-~])/;

function joinLetters(run: string): string {
  return run.replace(SEPARATOR, "");
}

/** The text with its letter-separated words joined, or undefined when it has none. */
export function joinSeparatedLetters(text: string): string | undefined {
  if (!DOTTED_HINT.test(text) && !SPACED_HINT.test(text)) return undefined;
  const joined = text.replace(DOTTED_WORD, joinLetters).replace(SPACED_WORD, joinLetters);
  return joined === text ? undefined : joined;
}
