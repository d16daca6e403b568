// Character-level mutations: look-alike letters (Cyrillic/Greek homoglyphs), letter spacing, zero-width characters
// and dots between letters. Each keeps the text readable to a model while breaking naive keyword matching.
import type { Random } from "../seeded-random";
import type { Mutation } from "./mutation";

/** Latin letter → look-alikes that render the same in most fonts. */
export const HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ["а", "α"], c: ["с", "ϲ"], e: ["е"], i: ["і", "ι"], j: ["ј"], o: ["о", "ο"], p: ["р", "ρ"], s: ["ѕ"],
  x: ["х", "χ"], y: ["у"], h: ["һ"], k: ["κ"], v: ["ν"], d: ["ԁ"], q: ["ԛ"], w: ["ԝ"],
  A: ["А", "Α"], B: ["В", "Β"], C: ["С"], E: ["Е", "Ε"], H: ["Н", "Η"], I: ["І", "Ι"], K: ["К", "Κ"], M: ["М", "Μ"],
  O: ["О", "Ο"], P: ["Р", "Ρ"], T: ["Т", "Τ"], X: ["Х", "Χ"], Y: ["Υ"],
};

export const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060"] as const;

/** Swaps about 60% of swappable letters (always at least one) for a look-alike. */
function homoglyphs({ payload, random }: { payload: string; random: Random }): string {
  const chars = Array.from(payload);
  let swapped = 0;
  const out = chars.map((ch) => {
    const options = HOMOGLYPHS[ch];
    if (!options || random() >= 0.6) return ch;
    swapped++;
    return options[Math.floor(random() * options.length)];
  });
  if (swapped === 0) {
    const index = chars.findIndex((ch) => HOMOGLYPHS[ch]);
    if (index >= 0) out[index] = HOMOGLYPHS[chars[index]][0];
  }
  return out.join("");
}

/** "ignore previous" → "i g n o r e   p r e v i o u s" (three spaces between words keep the words recoverable). */
function letterSpacing({ payload }: { payload: string }): string {
  return payload
    .split(/\s+/)
    .map((word) => Array.from(word).join(" "))
    .join("   ");
}

/** Zero-width characters between letters of words longer than three letters (seeded choice of which character). */
function zeroWidth({ payload, random }: { payload: string; random: Random }): string {
  return payload.replace(/\p{L}{4,}/gu, (word) =>
    Array.from(word).reduce((acc, ch, i) => (i === 0 ? ch : acc + ZERO_WIDTH[Math.floor(random() * ZERO_WIDTH.length)] + ch), ""),
  );
}

/** Dots (or a seeded other separator) between the letters of longer words: "i.g.n.o.r.e". */
function dotted({ payload, random }: { payload: string; random: Random }): string {
  const separator = [".", "-", "_", "*"][Math.floor(random() * 4)];
  return payload.replace(/\p{L}{4,}/gu, (word) => Array.from(word).join(separator));
}

export const OBFUSCATION_MUTATIONS: readonly Mutation[] = [
  { id: "homoglyph", family: "obfuscation", apply: homoglyphs },
  { id: "letter_spacing", family: "obfuscation", apply: letterSpacing },
  { id: "zero_width", family: "obfuscation", apply: zeroWidth },
  { id: "dotted", family: "obfuscation", apply: dotted },
];
