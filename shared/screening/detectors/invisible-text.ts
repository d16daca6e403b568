// The invisible_text detector: reports the invisible characters prepareScanInput removed (zero-width, bidi
// controls, tag characters...) as one finding with a span per removed run. Legitimate uses (emoji ZWJ sequences,
// subdivision flags, Persian ZWNJ) are never removed, so they never fire.
import { findInvisibleRanges, type PreparedScanInput } from "../normalise/prepare-scan-input";
import type { Detector, Finding, ScanInput } from "../types";

// Direction marks alone are common in genuine right-to-left text written on some keyboards; alone they are
// reported below the default threshold (audited, stripped for screening, but no action).
const DIRECTION_MARKS_ONLY = /^[\u200E\u200F\u061C]+$/;
const MARKS_ONLY_SCORE = 0.4;

export function createInvisibleTextDetector(): Detector {
  return {
    id: "invisible_text",
    categories: ["invisible_text"],
    directions: ["input", "output"],
    scan(input: ScanInput): Finding[] {
      const ranges = (input as Partial<PreparedScanInput>).removedRanges ?? findInvisibleRanges(input.original);
      if (ranges.length === 0) return [];
      const marksOnly = ranges.every((r) => DIRECTION_MARKS_ONLY.test(input.original.slice(r.start, r.end)));
      return [
        {
          detector: "invisible_text",
          category: "invisible_text",
          score: marksOnly ? MARKS_ONLY_SCORE : 1,
          spans: ranges.map((r) => ({ start: r.start, end: r.end, type: "invisible" })),
        },
      ];
    },
  };
}
