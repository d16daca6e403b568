// The canary_leak detector (output): finds canary tokens (from the policy, and token-like strings planted in the
// system prompt) in the answer even when re-cased, spaced out, split by invisible characters, written with
// look-alikes or encoded, and verbatim runs of the system prompt (8-word shingles, linear time).
// Cost: nothing at all without canaries or a system prompt; the system prompt's tokens and shingles are kept in a
// small LRU (a streamed answer is screened chunk after chunk against the same prompt); the answer is searched with
// indexOf for each canary and for a few anchor words of the prompt (prompt-shingles.ts), not split into words.
import { normaliseText } from "../normalise/prepare-scan-input";
import { compactIncludes, compactWords } from "../normalise/word-tokens";
import type { Detector, Finding, ScanContext, ScanInput, Span } from "../types";
import { buildPromptShingles, copiedShingles, shingleKeys, type PromptShingles } from "./prompt-shingles";

export interface CanaryLeakOptions {
  /** Words per shingle: a run this long copied from the system prompt counts as a leak. */
  shingleWords?: number;
  /** System prompts whose tokens and shingles are kept ready (the same prompt repeats across requests). */
  cacheSize?: number;
}

interface PromptProfile {
  tokens: string[];
  shingles: PromptShingles;
}

const TOKEN_CANDIDATE = /[A-Za-z0-9][A-Za-z0-9_-]{11,}/g;
const MAX_CACHED_NEEDLES = 512;

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

/** Finds `needle` in `text` ignoring case; returns the span in `text` offsets or undefined. */
function locate(text: string, needle: string): { start: number; end: number } | undefined {
  const index = text.toLowerCase().indexOf(needle.toLowerCase());
  return index < 0 ? undefined : { start: index, end: index + needle.length };
}

export function createCanaryLeakDetector(options: CanaryLeakOptions = {}): Detector {
  const { shingleWords = 8, cacheSize = 32 } = options;
  const profiles = new Map<string, PromptProfile>();
  const needles = new Map<string, string>();

  function profileOf(systemPrompt: string): PromptProfile {
    const cached = profiles.get(systemPrompt);
    if (cached) {
      // Least recently used first: move a hit to the end.
      profiles.delete(systemPrompt);
      profiles.set(systemPrompt, cached);
      return cached;
    }
    const tokens = [...new Set(systemPrompt.match(TOKEN_CANDIDATE) ?? [])].filter(looksLikeCanary);
    const profile = { tokens, shingles: buildPromptShingles(normaliseText(systemPrompt), shingleWords) };
    if (profiles.size >= cacheSize) profiles.delete(profiles.keys().next().value!);
    profiles.set(systemPrompt, profile);
    return profile;
  }

  function needleOf(token: string): string {
    let needle = needles.get(token);
    if (needle === undefined) {
      if (needles.size >= MAX_CACHED_NEEDLES) needles.clear();
      needles.set(token, (needle = compact(token)));
    }
    return needle;
  }

  function canaryFinding(input: ScanInput, canaries: ReadonlyArray<{ token: string; score: number }>): Finding | undefined {
    let best = 0;
    const spans: Span[] = [];
    for (const { token, score } of canaries) {
      const needle = needleOf(token);
      if (needle.length < 6 || !compactIncludes(input.normalised, needle)) continue;
      best = Math.max(best, score);
      const found = locate(input.cleaned, token);
      if (found) spans.push({ start: input.toOriginal(found.start), end: input.toOriginal(found.end - 1) + 1, type: "canary" });
    }
    return best > 0 ? { detector: "canary_leak", category: "canary_leak", score: best, ...(spans.length ? { spans } : {}) } : undefined;
  }

  function shingleFinding(input: ScanInput, profile: PromptProfile, prompt: string | undefined): Finding | undefined {
    const copied = copiedShingles(input.normalised, profile.shingles);
    if (copied.length === 0) return undefined;
    // Runs the user already sent in the prompt are not a leak when the answer quotes them back.
    const fromPrompt = prompt ? shingleKeys(normaliseText(prompt), shingleWords) : new Set<number>();
    const matched = new Set(copied.filter((a) => !fromPrompt.has(a)));
    if (matched.size === 0) return undefined;
    // One 8-word run may be a stock phrase; each further overlapping word makes a copy near certain.
    return { detector: "canary_leak", category: "canary_leak", score: Math.min(1, 0.55 + 0.1 * (matched.size - 1)) };
  }

  return {
    id: "canary_leak",
    categories: ["canary_leak"],
    directions: ["output"],
    scan(input: ScanInput, context: ScanContext): Finding[] {
      const policyTokens = context.policy.canaryTokens ?? [];
      if (policyTokens.length === 0 && !context.systemPrompt) return [];
      const profile = context.systemPrompt ? profileOf(context.systemPrompt) : undefined;
      const findings: Finding[] = [];
      const canaries = [
        ...policyTokens.map((token) => ({ token, score: 1 })),
        ...(profile?.tokens ?? []).map((token) => ({ token, score: 0.95 })),
      ];
      const canary = canaries.length > 0 ? canaryFinding(input, canaries) : undefined;
      if (canary) findings.push(canary);
      const copy = profile && profile.shingles.shingles.size > 0 ? shingleFinding(input, profile, context.prompt) : undefined;
      if (copy) findings.push(copy);
      return findings;
    },
  };
}
