// The `normalised` view of a text: NFKC, lower-cased, look-alikes folded, whitespace collapsed (line breaks kept,
// so line-anchored patterns still work), then decoded hidden payloads appended on their own lines.
// The output is pinned byte for byte (normalised-pinned.test.ts): trained models read it, so changes here must be
// speed-only. reference-normaliser.ts keeps the original regex formulation as the oracle for tests.
import { CONFUSABLE_BLOCKS, confusableLatin } from "./confusables";
import { decodePayloads, DEFAULT_DECODE_LIMITS, type DecodeLimits } from "./decode-payloads";

/** Recorded by trained models so a change of normaliser is visible (scripts/train compares it). */
export const NORMALISER_ID = "edgeguard-norm-v1";

// JavaScript's whitespace (what `\s` and trim() use), with and without the line feed.
const HORIZONTAL = "\\t\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
// Everything foldAndCollapse may have to rewrite: a run of two or more whitespace characters, one whitespace
// character other than a space or line feed, or a letter of the look-alike blocks. One regex scan finds them; text
// between them is copied as is (a regex scan is several times faster than a JavaScript loop over every character).
const REWRITE = new RegExp(`[ \\n${HORIZONTAL}]{2,}|[${HORIZONTAL}]|[${CONFUSABLE_BLOCKS}]`, "g");

function isSpaceOrLineFeed(code: number): boolean {
  return code === 32 || code === 10;
}

// JavaScript's whitespace as a table for the loop below: 1 = horizontal, 2 = line feed. Indexed by code unit.
const SPACE_KIND = new Uint8Array(0x10000);
for (const ch of "\t\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") SPACE_KIND[ch.charCodeAt(0)] = 1;
for (let code = 0x2000; code <= 0x200a; code++) SPACE_KIND[code] = 1;
SPACE_KIND[10] = 2;
// Greek and Cyrillic text is full of look-alikes; there one loop over the text beats a regex callback per letter.
const GREEK_OR_CYRILLIC = /[\u0370-\u04ff]/;

/**
 * foldConfusables, then collapses every maximal whitespace run to "\n" when it holds a line feed and to " " otherwise,
 * dropping the runs at both ends: exactly what the original passes did (fold; horizontal runs to one space;
 * " ?\n\s*" to a line feed; trim()). Folding maps one letter to one letter and never touches whitespace, so both
 * are done in the same walk: one regex replace for text with few changes, one loop for text with many.
 */
function foldAndCollapse(text: string): string {
  return GREEK_OR_CYRILLIC.test(text) ? foldAndCollapseByLoop(text) : foldAndCollapseByRegex(text);
}

function foldAndCollapseByRegex(text: string): string {
  const length = text.length;
  let out = text.replace(REWRITE, (found: string, offset: number) => {
    if (found.length === 1) {
      const code = found.charCodeAt(0);
      if (SPACE_KIND[code] === 0) return confusableLatin(code) ?? found; // a letter of the look-alike blocks
    }
    if (offset === 0 || offset + found.length === length) return "";
    return found.includes("\n") ? "\n" : " ";
  });
  // A single space or line feed is not a match above; at either end it is still trimmed. (A run at an end was
  // replaced by nothing, so what is left there now is an original character.)
  if (out.length > 0 && isSpaceOrLineFeed(out.charCodeAt(0))) out = out.slice(1);
  if (out.length > 0 && isSpaceOrLineFeed(out.charCodeAt(out.length - 1))) out = out.slice(0, -1);
  return out;
}

function foldAndCollapseByLoop(text: string): string {
  const length = text.length;
  let out = "";
  let from = 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (SPACE_KIND[code] === 0) {
      const latin = confusableLatin(code);
      if (latin !== undefined) {
        out += text.slice(from, i) + latin;
        from = i + 1;
      }
      i++;
      continue;
    }
    const start = i;
    let lineFeed = false;
    while (i < length) {
      const kind = SPACE_KIND[text.charCodeAt(i)];
      if (kind === 0) break;
      if (kind === 2) lineFeed = true;
      i++;
    }
    const replacement = start === 0 || i === length ? "" : lineFeed ? "\n" : " ";
    if (i === start + 1 && text[start] === replacement) continue; // already one space or one line feed
    out += text.slice(from, start) + replacement;
    from = i;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** NFKC + lower-case + confusable folding + whitespace collapsing of one piece of text (no payload decoding). */
export function normaliseText(text: string): string {
  return foldAndCollapse(text.normalize("NFKC").toLowerCase());
}

export interface NormalisedParts {
  /** normaliseText(cleaned) followed by each payload below, one per line: what meaning-based detectors read. */
  normalised: string;
  /** Each readable decoded payload, normalised the same way, on its own. */
  payloads: string[];
}

export function buildNormalisedParts(cleaned: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): NormalisedParts {
  let normalised = normaliseText(cleaned);
  const payloads: string[] = [];
  for (const payload of decodePayloads(cleaned, limits)) {
    const text = normaliseText(payload);
    payloads.push(text);
    normalised += "\n" + text;
  }
  return { normalised, payloads };
}
