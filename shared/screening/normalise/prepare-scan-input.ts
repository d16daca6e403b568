// Builds the ScanInput every detector reads: the caller's text, a cleaned copy without invisible characters (with an
// O(log n) map back to original offsets) and a lazily computed normalised copy for meaning-based detectors.
import type { ScanInput } from "../types";
import { findInvisibleRanges, type RemovedRange } from "./invisible-chars";
import { buildNormalisedParts, type NormalisedParts } from "./normalise-text";

export type { RemovedRange } from "./invisible-chars";
export { findInvisibleRanges } from "./invisible-chars";
export { NORMALISER_ID, normaliseText } from "./normalise-text";

/** A ScanInput that also carries the ranges it removed, so invisible_text need not search again. */
export interface PreparedScanInput extends ScanInput {
  readonly removedRanges: readonly RemovedRange[];
}

export function prepareScanInput(text: string): PreparedScanInput {
  return new PreparedText(text, findInvisibleRanges(text));
}

/**
 * A class rather than an object of named closures (keepNames, docs/performance.md). The offset map keeps, per removed range, the cleaned offset where it was cut and the total
 * removed so far; a cleaned offset maps back by adding the shift of the last cut at or before it (binary search).
 */
class PreparedText implements PreparedScanInput {
  readonly cleaned: string;
  private readonly cutAt: Int32Array;
  private readonly shiftAfter: Int32Array;
  private normalisedParts: NormalisedParts | undefined;

  constructor(
    readonly original: string,
    readonly removedRanges: readonly RemovedRange[],
  ) {
    this.cutAt = new Int32Array(removedRanges.length);
    this.shiftAfter = new Int32Array(removedRanges.length);
    if (removedRanges.length === 0) {
      this.cleaned = original;
      return;
    }
    const pieces: string[] = [];
    let from = 0;
    let removed = 0;
    for (let k = 0; k < removedRanges.length; k++) {
      const range = removedRanges[k];
      pieces.push(original.slice(from, range.start));
      this.cutAt[k] = range.start - removed;
      removed += range.end - range.start;
      this.shiftAfter[k] = removed;
      from = range.end;
    }
    pieces.push(original.slice(from));
    this.cleaned = pieces.join("");
  }

  // Only the meaning-based detectors read these; PII/secret scans of the hot path never pay for NFKC or decoding.
  get normalised(): string {
    this.normalisedParts ??= buildNormalisedParts(this.cleaned);
    return this.normalisedParts.normalised;
  }

  get normalisedPayloads(): readonly string[] {
    this.normalisedParts ??= buildNormalisedParts(this.cleaned);
    return this.normalisedParts.payloads;
  }

  toOriginal(offset: number): number {
    const i = Math.min(Math.max(offset, 0), this.cleaned.length);
    const cutAt = this.cutAt;
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
    return found < 0 ? i : i + this.shiftAfter[found];
  }
}
