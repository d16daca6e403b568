// Builds the ScanInput every detector reads: the caller's text, a cleaned copy without invisible characters (with an
// O(log n) map back to original offsets) and a lazily computed normalised copy for meaning-based detectors.
import type { ScanInput } from "../types";
import { findInvisibleRanges, type RemovedRange } from "./invisible-chars";
import { buildNormalised } from "./normalise-text";

export type { RemovedRange } from "./invisible-chars";
export { findInvisibleRanges } from "./invisible-chars";
export { NORMALISER_ID, normaliseText } from "./normalise-text";

/** A ScanInput that also carries the ranges it removed, so invisible_text need not search again. */
export interface PreparedScanInput extends ScanInput {
  readonly removedRanges: readonly RemovedRange[];
}

export function prepareScanInput(text: string): PreparedScanInput {
  const removedRanges = findInvisibleRanges(text);
  const { cleaned, toOriginal } = removeRanges(text, removedRanges);
  let normalised: string | undefined;
  return {
    original: text,
    cleaned,
    toOriginal,
    removedRanges,
    // Only the meaning-based detectors read this; PII/secret scans of the hot path never pay for NFKC or decoding.
    get normalised(): string {
      normalised ??= buildNormalised(cleaned);
      return normalised;
    },
  };
}

/**
 * Removes `ranges` (ascending, non-overlapping) from `text`. The offset map keeps, per removed range, the cleaned
 * offset where it was cut and the total removed so far; a cleaned offset maps back by adding the shift of the last
 * cut at or before it (binary search).
 */
function removeRanges(
  text: string,
  ranges: readonly RemovedRange[],
): { cleaned: string; toOriginal: (offset: number) => number } {
  if (ranges.length === 0) {
    const length = text.length;
    return { cleaned: text, toOriginal: (offset) => Math.min(Math.max(offset, 0), length) };
  }
  const cutAt = new Int32Array(ranges.length);
  const shiftAfter = new Int32Array(ranges.length);
  const pieces: string[] = [];
  let from = 0;
  let removed = 0;
  ranges.forEach((range, k) => {
    pieces.push(text.slice(from, range.start));
    removed += range.end - range.start;
    cutAt[k] = range.start - (removed - (range.end - range.start));
    shiftAfter[k] = removed;
    from = range.end;
  });
  pieces.push(text.slice(from));
  const cleaned = pieces.join("");
  const toOriginal = (offset: number): number => {
    const i = Math.min(Math.max(offset, 0), cleaned.length);
    let lo = 0;
    let hi = cutAt.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cutAt[mid] <= i) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? i : i + shiftAfter[found];
  };
  return { cleaned, toOriginal };
}
