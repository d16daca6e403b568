// The `normalised` view of a text: NFKC, lower-cased, look-alikes folded, whitespace collapsed (line breaks kept,
// so line-anchored patterns still work), then decoded hidden payloads appended on their own lines.
import { foldConfusables } from "./confusables";
import { decodePayloads, DEFAULT_DECODE_LIMITS, type DecodeLimits } from "./decode-payloads";

/** Recorded by trained models so a change of normaliser is visible (scripts/train compares it). */
export const NORMALISER_ID = "edgeguard-norm-v1";

const HORIZONTAL_WHITESPACE =
  /[\t\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]{2,}|[\t\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** NFKC + lower-case + confusable folding + whitespace collapsing of one piece of text (no payload decoding). */
export function normaliseText(text: string): string {
  const folded = foldConfusables(text.normalize("NFKC").toLowerCase());
  // Single spaces (the common case) are left alone, so only real runs and odd whitespace are rewritten.
  return folded.replace(HORIZONTAL_WHITESPACE, " ").replace(/ ?\n\s*/g, "\n").trim();
}

/** normaliseText(cleaned) followed by each readable decoded payload, normalised the same way, one per line. */
export function buildNormalised(cleaned: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): string {
  const parts = [normaliseText(cleaned)];
  for (const payload of decodePayloads(cleaned, limits)) parts.push(normaliseText(payload));
  return parts.join("\n");
}
