// The canary_leak detector (output): finds canary tokens (from the policy, and token-like strings planted in the
// system prompt) in the answer even when re-cased, spaced out, split by invisible characters, written with
// look-alikes or encoded, and verbatim runs of the system prompt (8-word shingles, linear time).
import { normaliseText } from "../normalise/prepare-scan-input";
import { compactWords, wordsOf } from "../normalise/word-tokens";
import type { Detector, Finding, ScanContext, ScanInput, Span } from "../types";

export interface CanaryLeakOptions {
  /** Words per shingle: a run this long copied from the system prompt counts as a leak. */
  shingleWords?: number;
  /** System prompts whose tokens and shingles are kept ready (the same prompt repeats across requests). */
  cacheSize?: number;
}

interface PromptProfile {
  tokens: string[];
  /** First shingle hash → second hash. */
  shingles: Map<number, number>;
}

const TOKEN_CANDIDATE = /[A-Za-z0-9][A-Za-z0-9_-]{11,}/g;

/** Letters and digits only, after normalisation: spacing, punctuation, case and look-alikes no longer matter. */
export function compact(text: string): string {
  return compactWords(normaliseText(text));
}

/** Whether a system-prompt word looks planted: long, letters mixed with digits, not an ordinary identifier. */
function looksLikeCanary(token: string): boolean {
  if (/canary/i.test(token) && /\d/.test(token)) return true;
  const letters = token.replace(/[^A-Za-z]/g, "").length;
  const digits = token.replace(/\D/g, "").length;
  return token.length >= 16 && letters >= 4 && digits >= 3 && new Set(token).size >= 10;
}

function normalisedWords(text: string): string[] {
  return wordsOf(normaliseText(text));
}

/** 32-bit FNV-1a of a word; shingles are combined from these so no shingle string is ever built. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Hashes of every run of `size` consecutive words as two independent 30-bit mixes (small integers, which Maps hash
 * fast; together 60 bits, so accidental matches are negligible). Linear: each shingle costs `size` multiply-adds.
 */
function shinglesOf(words: readonly string[], size: number): Array<{ a: number; b: number }> {
  const hashes = words.map(wordHash);
  const out: Array<{ a: number; b: number }> = [];
  for (let i = 0; i + size <= hashes.length; i++) {
    let a = 0x9e3779b9;
    let b = 0x85ebca6b;
    for (let k = 0; k < size; k++) {
      a = Math.imul(a ^ hashes[i + k], 0x01000193) >>> 0;
      b = (Math.imul(b + hashes[i + k], 0xc2b2ae35) ^ (b >>> 13)) >>> 0;
    }
    out.push({ a: a & 0x3fffffff, b: b & 0x3fffffff });
  }
  return out;
}

/** Finds `needle` in `text` ignoring case; returns the span in `text` offsets or undefined. */
function locate(text: string, needle: string): { start: number; end: number } | undefined {
  const index = text.toLowerCase().indexOf(needle.toLowerCase());
  return index < 0 ? undefined : { start: index, end: index + needle.length };
}

export function createCanaryLeakDetector(options: CanaryLeakOptions = {}): Detector {
  const { shingleWords = 8, cacheSize = 32 } = options;
  const profiles = new Map<string, PromptProfile>();

  function profileOf(systemPrompt: string): PromptProfile {
    const cached = profiles.get(systemPrompt);
    if (cached) return cached;
    const tokens = [...new Set(systemPrompt.match(TOKEN_CANDIDATE) ?? [])].filter(looksLikeCanary);
    const shingles = new Map(shinglesOf(normalisedWords(systemPrompt), shingleWords).map((h) => [h.a, h.b] as const));
    const profile = { tokens, shingles };
    if (profiles.size >= cacheSize) profiles.delete(profiles.keys().next().value!);
    profiles.set(systemPrompt, profile);
    return profile;
  }

  return {
    id: "canary_leak",
    categories: ["canary_leak"],
    directions: ["output"],
    scan(input: ScanInput, context: ScanContext): Finding[] {
      const findings: Finding[] = [];
      const profile = context.systemPrompt ? profileOf(context.systemPrompt) : undefined;
      const canaries = [
        ...(context.policy.canaryTokens ?? []).map((token) => ({ token, score: 1 })),
        ...(profile?.tokens ?? []).map((token) => ({ token, score: 0.95 })),
      ];
      if (canaries.length > 0) {
        const haystack = compactWords(input.normalised);
        let best = 0;
        const spans: Span[] = [];
        for (const { token, score } of canaries) {
          const needle = compact(token);
          if (needle.length < 6 || !haystack.includes(needle)) continue;
          best = Math.max(best, score);
          const found = locate(input.cleaned, token);
          if (found) {
            spans.push({ start: input.toOriginal(found.start), end: input.toOriginal(found.end - 1) + 1, type: "canary" });
          }
        }
        if (best > 0) findings.push({ detector: "canary_leak", category: "canary_leak", score: best, ...(spans.length ? { spans } : {}) });
      }
      if (profile && profile.shingles.size > 0) {
        // Runs the user already sent in the prompt are not a leak when the answer quotes them back.
        const fromPrompt = context.prompt
          ? new Set(shinglesOf(normalisedWords(context.prompt), shingleWords).map((h) => h.a))
          : undefined;
        const matched = new Set<number>();
        for (const { a, b } of shinglesOf(wordsOf(input.normalised), shingleWords)) {
          if (profile.shingles.get(a) === b && !fromPrompt?.has(a)) matched.add(a);
        }
        if (matched.size > 0) {
          // One 8-word run may be a stock phrase; each further overlapping word makes a copy near certain.
          const score = Math.min(1, 0.55 + 0.1 * (matched.size - 1));
          findings.push({ detector: "canary_leak", category: "canary_leak", score });
        }
      }
      return findings;
    },
  };
}
