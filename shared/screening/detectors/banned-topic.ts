// The banned_topic detector: the tenant's keywords (whole words, case-insensitive, matched on the normalised text
// so look-alikes and spacing tricks do not hide them) and regexes (checked by isSafeRegex, run in bounded windows).
// Each policy object is compiled once (WeakMap), so the per-request cost is one word pass plus the regexes.
import type { Policy } from "../../policy/schema";
import { normaliseText } from "../normalise/prepare-scan-input";
import { wordsOf } from "../normalise/word-tokens";
import type { Detector, Finding, ScanContext, ScanInput } from "../types";
import { isSafeRegex } from "./safe-regex";

export interface BannedTopicOptions {
  /** Regexes see the text in windows of this many characters (overlapping), which bounds any backtracking. */
  windowSize?: number;
  /** Called once per rejected pattern when a policy is compiled (to audit or log it). */
  onRejectedPattern?: (pattern: string, reason: string) => void;
}

interface CompiledTopics {
  /** First word of each keyword → the keywords (as word lists) starting with it. */
  byFirstWord: Map<string, string[][]>;
  patterns: RegExp[];
}

const WINDOW_OVERLAP = 256;

function compile(policy: Policy, onRejected?: (pattern: string, reason: string) => void): CompiledTopics {
  const byFirstWord = new Map<string, string[][]>();
  for (const keyword of policy.bannedTopics?.keywords ?? []) {
    const words = wordsOf(normaliseText(keyword));
    if (words.length === 0) continue;
    const list = byFirstWord.get(words[0]) ?? [];
    list.push(words);
    byFirstWord.set(words[0], list);
  }
  const patterns: RegExp[] = [];
  for (const source of policy.bannedTopics?.patterns ?? []) {
    const verdict = isSafeRegex(source);
    if (!verdict.safe) {
      onRejected?.(source, verdict.reason ?? "unsafe");
      continue;
    }
    try {
      patterns.push(new RegExp(source, "iu"));
    } catch {
      // Valid without the u flag only (e.g. "\-" outside a class): keep it, case-insensitive.
      patterns.push(new RegExp(source, "i"));
    }
  }
  return { byFirstWord, patterns };
}

function keywordHit(words: readonly string[], byFirstWord: Map<string, string[][]>): boolean {
  for (let i = 0; i < words.length; i++) {
    const candidates = byFirstWord.get(words[i]);
    if (!candidates) continue;
    for (const keyword of candidates) {
      let k = 1;
      while (k < keyword.length && words[i + k] === keyword[k]) k++;
      if (k === keyword.length) return true;
    }
  }
  return false;
}

function patternHit(text: string, patterns: readonly RegExp[], windowSize: number): boolean {
  if (patterns.length === 0) return false;
  const step = Math.max(1, windowSize - WINDOW_OVERLAP);
  for (let start = 0; start < text.length; start += step) {
    const window = text.slice(start, start + windowSize);
    if (patterns.some((re) => re.test(window))) return true;
    if (start + windowSize >= text.length) break;
  }
  return false;
}

export function createBannedTopicDetector(options: BannedTopicOptions = {}): Detector {
  const { windowSize = 2048, onRejectedPattern } = options;
  const cache = new WeakMap<Policy, CompiledTopics>();
  return {
    id: "banned_topic",
    categories: ["banned_topic"],
    directions: ["input", "output"],
    scan(input: ScanInput, context: ScanContext): Finding[] {
      const topics = context.policy.bannedTopics;
      if (!topics || (topics.keywords.length === 0 && topics.patterns.length === 0)) return [];
      let compiled = cache.get(context.policy);
      if (!compiled) {
        compiled = compile(context.policy, onRejectedPattern);
        cache.set(context.policy, compiled);
      }
      const text = input.normalised;
      const hit = keywordHit(wordsOf(text), compiled.byFirstWord) || patternHit(text, compiled.patterns, windowSize);
      return hit ? [{ detector: "banned_topic", category: "banned_topic", score: 1 }] : [];
    },
  };
}
