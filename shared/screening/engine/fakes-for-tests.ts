// Test-only helpers for the engine tests: a minimal ScanInput (strips a few invisible characters, no folding) and
// small scripted detectors. Never imported by runtime code; the real normaliser lives in ../normalise/.
import { DEFAULT_POLICY, type Policy, type PolicyInput, policySchema } from "../../policy/schema";
import { parseValid } from "../../validation/validate";
import type { Category, Detector, Direction, Finding, ScanContext, ScanInput, Span } from "../types";

const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff]/;

export function fakeScanInput(original: string): ScanInput {
  const map: number[] = [];
  let cleaned = "";
  for (let i = 0; i < original.length; i++) {
    if (INVISIBLE.test(original[i])) continue;
    map.push(i);
    cleaned += original[i];
  }
  return {
    original,
    cleaned,
    toOriginal: (offset) => (offset >= map.length ? original.length : map[offset]),
    normalised: cleaned.toLowerCase(),
  };
}

export function policyWith(overrides: PolicyInput = {}): Policy {
  return parseValid(policySchema, { ...DEFAULT_POLICY, ...overrides });
}

/** A detector whose answer is a function of its input; `delayMs` makes it asynchronous. */
export function scriptedDetector(options: {
  id: string;
  categories?: Category[];
  directions?: Direction[];
  delayMs?: number;
  scan: (input: ScanInput, context: ScanContext) => Finding[];
}): Detector {
  const { id, categories = ["pii"], directions = ["input", "output"], delayMs, scan } = options;
  return {
    id,
    categories,
    directions,
    scan(input, context) {
      if (delayMs === undefined) return scan(input, context);
      return new Promise((resolve) => setTimeout(() => resolve(scan(input, context)), delayMs));
    },
  };
}

/** Finds every occurrence of a literal in the cleaned text and reports it with original offsets, like pii does. */
export function literalDetector(options: {
  id: string;
  literal: string;
  category: Category;
  type?: string;
  score?: number;
  directions?: Direction[];
}): Detector {
  const { literal, category, type = "email", score = 0.99 } = options;
  return scriptedDetector({
    id: options.id,
    categories: [category],
    directions: options.directions,
    scan(input) {
      const spans: Span[] = [];
      for (let at = input.cleaned.indexOf(literal); at >= 0; at = input.cleaned.indexOf(literal, at + 1)) {
        const start = input.toOriginal(at);
        const end = input.toOriginal(at + literal.length - 1) + 1;
        spans.push({ start, end, type });
      }
      return spans.length ? [{ detector: options.id, category, score, spans }] : [];
    },
  });
}

/** Reports the invisible characters of the original text, as the invisible_text detector does. */
export const invisibleDetector: Detector = scriptedDetector({
  id: "invisible_text",
  categories: ["invisible_text"],
  scan(input) {
    const spans: Span[] = [];
    for (let i = 0; i < input.original.length; i++) {
      if (INVISIBLE.test(input.original[i])) spans.push({ start: i, end: i + 1, type: "invisible" });
    }
    return spans.length ? [{ detector: "invisible_text", category: "invisible_text", score: 1, spans }] : [];
  },
});
