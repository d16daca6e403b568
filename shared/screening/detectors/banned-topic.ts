// The banned_topic detector: the tenant's keywords (whole words, case-insensitive, matched on the normalised text
// so look-alikes and spacing tricks do not hide them) and regexes (checked by isSafeRegex, run in bounded windows).
// Each policy object is compiled once (WeakMap). Per request, a few keywords cost one indexOf pass each (no word
// split of the text); many keywords share one word pass and a map lookup per word; then the regexes.
import type { Policy } from "../../policy/schema";
import { normaliseText } from "../normalise/prepare-scan-input";
import { hasWordSequence, wordsOf } from "../normalise/word-tokens";
import type { Detector, Finding, ScanContext, ScanInput } from "../types";
import { requiredLiterals } from "./required-literal";
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
  /** Every keyword as a word list, for the indexOf search used when there are few of them. */
  keywords: string[][];
  patterns: CompiledPattern[];
}

interface CompiledPattern {
  re: RegExp;
  /**
   * Literals every match contains (plain case-insensitive regexes): when the text lacks one, the pattern cannot
   * match in any window and is skipped, which spares the costly Unicode case-insensitive scan of most texts.
   */
  required: RegExp[];
}

const WINDOW_OVERLAP = 256;
// The stream hold-back keeps an unfinished ASCII word back (hold-back.ts); other scripts are not held, so not cut.
const UNFINISHED_WORD = /[A-Za-z0-9]+$/;
// Up to this many keywords, one indexOf pass per keyword beats splitting the text into words once.
const INDEXOF_KEYWORDS = 24;

function compile(policy: Policy, onRejected?: (pattern: string, reason: string) => void): CompiledTopics {
  const byFirstWord = new Map<string, string[][]>();
  const keywords: string[][] = [];
  for (const keyword of policy.bannedTopics?.keywords ?? []) {
    const words = wordsOf(normaliseText(keyword));
    if (words.length === 0) continue;
    keywords.push(words);
    const list = byFirstWord.get(words[0]) ?? [];
    list.push(words);
    byFirstWord.set(words[0], list);
  }
  const patterns: CompiledPattern[] = [];
  for (const source of policy.bannedTopics?.patterns ?? []) {
    const verdict = isSafeRegex(source);
    if (!verdict.safe) {
      onRejected?.(source, verdict.reason ?? "unsafe");
      continue;
    }
    let re: RegExp;
    try {
      re = new RegExp(source, "iu");
    } catch {
      // Valid without the u flag only (e.g. "\-" outside a class): keep it, case-insensitive.
      re = new RegExp(source, "i");
    }
    patterns.push({ re, required: requiredLiterals(source).map((literal) => new RegExp(escapeRegex(literal), "i")) });
  }
  return { byFirstWord, keywords, patterns };
}

function keywordHit(text: string, compiled: CompiledTopics): boolean {
  if (compiled.keywords.length === 0) return false;
  if (compiled.keywords.length <= INDEXOF_KEYWORDS) return compiled.keywords.some((words) => hasWordSequence(text, words));
  return keywordHitInWords(wordsOf(text), compiled.byFirstWord);
}

function keywordHitInWords(words: readonly string[], byFirstWord: Map<string, string[][]>): boolean {
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

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function patternHit(text: string, compiled: readonly CompiledPattern[], windowSize: number): boolean {
  const patterns = compiled.filter((p) => p.required.every((literal) => literal.test(text))).map((p) => p.re);
  if (patterns.length === 0) return false;
  const step = Math.max(1, windowSize - WINDOW_OVERLAP);
  for (let start = 0; start < text.length; start += step) {
    const window = start === 0 && windowSize >= text.length ? text : text.slice(start, start + windowSize);
    for (const re of patterns) if (re.test(window)) return true;
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
      // An open-ended text's last word may be the start of a longer one ("bet" of "better"): it is matched once whole.
      const text = context.openEnded ? input.normalised.replace(UNFINISHED_WORD, "") : input.normalised;
      const hit = keywordHit(text, compiled) || patternHit(text, compiled.patterns, windowSize);
      return hit ? [{ detector: "banned_topic", category: "banned_topic", score: 1 }] : [];
    },
  };
}
