// Folds common Cyrillic/Greek/IPA look-alikes to the Latin letters they imitate, after lower-casing, so "іgnоrе"
// (Cyrillic і, о, е) reads as "ignore". Genuine Russian or Greek text is folded too; patterns written in those
// languages must be folded with the same function (foldConfusables) so both sides agree.

const FOLD: Record<string, string> = {
  // Cyrillic (lower case; upper case is lowered first)
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  ѕ: "s", і: "i", ї: "i", ј: "j", ԁ: "d", ԛ: "q", ԝ: "w", ү: "y", һ: "h", ӏ: "l", ɡ: "g", ԍ: "g", ь: "b", п: "n",
  // Greek
  α: "a", β: "b", γ: "y", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w",
  ς: "c", μ: "u", ϲ: "c", ϳ: "j",
  // Latin extensions and IPA that render as plain letters
  ı: "i", ȷ: "j", ɑ: "a", ɩ: "i", ɪ: "i", ʏ: "y", ɴ: "n", ʀ: "r", ᴀ: "a", ᴄ: "c", ᴅ: "d", ᴇ: "e", ᴋ: "k", ᴍ: "m",
  ᴏ: "o", ᴘ: "p", ᴛ: "t", ᴜ: "u", ᴠ: "v", ᴡ: "w", ᴢ: "z", ꜱ: "s", ꞯ: "q", ʜ: "h", ʟ: "l", ɢ: "g",
};

// Indexed by UTF-16 code unit (every key is one BMP character); a loop with this table is several times faster than
// a Unicode character-class regex, and text with nothing to fold is returned as is without building a new string.
const FOLD_BY_CODE: Array<string | undefined> = [];
let MIN_FOLD_CODE = 0xffff;
for (const [ch, latin] of Object.entries(FOLD)) {
  const code = ch.charCodeAt(0);
  FOLD_BY_CODE[code] = latin;
  MIN_FOLD_CODE = Math.min(MIN_FOLD_CODE, code);
}

/**
 * The blocks holding every look-alike letter, for a regex character class: a few ranges (codes less than 64 apart
 * merged) rather than one entry per letter, which irregexp tests ~4x faster on ordinary text. A match may be a letter
 * with no fold; confusableLatin says which.
 */
export const CONFUSABLE_BLOCKS = blocksOf(Object.keys(FOLD).map((ch) => ch.charCodeAt(0)));

function blocksOf(codes: number[]): string {
  const sorted = [...codes].sort((a, b) => a - b);
  const hex = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;
  let pattern = "";
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] < 64) j++;
    pattern += sorted[i] === sorted[j] ? hex(sorted[i]) : `${hex(sorted[i])}-${hex(sorted[j])}`;
    i = j + 1;
  }
  return pattern;
}

/** The Latin letter a lower-case look-alike (one UTF-16 code unit) stands for, or undefined. */
export function confusableLatin(code: number): string | undefined {
  return code < MIN_FOLD_CODE ? undefined : FOLD_BY_CODE[code];
}

/** Replaces look-alike letters in already lower-cased text with their Latin counterparts. */
export function foldConfusables(lowerText: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < lowerText.length; i++) {
    const code = lowerText.charCodeAt(i);
    if (code < MIN_FOLD_CODE) continue;
    const latin = FOLD_BY_CODE[code];
    if (latin === undefined) continue;
    out += lowerText.slice(from, i) + latin;
    from = i + 1;
  }
  return from === 0 ? lowerText : out + lowerText.slice(from);
}
