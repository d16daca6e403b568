// The `normalised` view of a text: NFKC, lower-cased, look-alikes folded, whitespace collapsed (line breaks kept,
// so line-anchored patterns still work), then decoded hidden payloads appended on their own lines.
// The output is pinned byte for byte (normalised-pinned.test.ts): trained models read it, so changes here must be
// speed-only. reference-normaliser.ts keeps the original regex formulation as the oracle for tests.
import { foldConfusables } from "./confusables";
import { decodePayloads, DEFAULT_DECODE_LIMITS, type DecodeLimits } from "./decode-payloads";

/** Recorded by trained models so a change of normaliser is visible (scripts/train compares it). */
export const NORMALISER_ID = "edgeguard-norm-v1";

// JavaScript's whitespace (what `\s` and trim() use): 1 = horizontal, 2 = line feed. Indexed by code unit.
const SPACE_KIND = new Uint8Array(0x10000);
for (const ch of "\t\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") SPACE_KIND[ch.charCodeAt(0)] = 1;
for (let code = 0x2000; code <= 0x200a; code++) SPACE_KIND[code] = 1;
SPACE_KIND[10] = 2;

/**
 * Collapses every maximal whitespace run to "\n" when it holds a line feed and to " " otherwise, and drops the runs
 * at both ends. This is exactly what the original three passes did (horizontal runs to one space, " ?\n\s*" to a
 * line feed, then trim()), in one pass that copies nothing when every run is already a single inner space.
 */
function collapseWhitespace(text: string): string {
  const length = text.length;
  let out = "";
  let from = 0;
  let i = 0;
  while (i < length) {
    if (SPACE_KIND[text.charCodeAt(i)] === 0) {
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
    const atEdge = start === 0 || i === length;
    if (!atEdge && !lineFeed && i === start + 1 && text.charCodeAt(start) === 32) continue; // already one space
    out += text.slice(from, start) + (atEdge ? "" : lineFeed ? "\n" : " ");
    from = i;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** NFKC + lower-case + confusable folding + whitespace collapsing of one piece of text (no payload decoding). */
export function normaliseText(text: string): string {
  return collapseWhitespace(foldConfusables(text.normalize("NFKC").toLowerCase()));
}

/** normaliseText(cleaned) followed by each readable decoded payload, normalised the same way, one per line. */
export function buildNormalised(cleaned: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): string {
  let normalised = normaliseText(cleaned);
  for (const payload of decodePayloads(cleaned, limits)) normalised += "\n" + normaliseText(payload);
  return normalised;
}
