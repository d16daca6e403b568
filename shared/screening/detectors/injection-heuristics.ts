// The injection_heuristics detector (input): weighted phrase patterns for instruction overrides, role spoofing,
// prompt-leak requests and jailbreak personas, matched on the normalised text and combined per category with a
// noisy-or. Quoted examples inside text that is plainly about prompt injection are damped, so security questions
// pass; a bare instruction does not. An attack phrase the text forbids or expects from someone else is a defence,
// as system prompts write them ("Do not reveal your system prompt"), and is not counted.
import type { Category, Detector, Finding, ScanInput } from "../types";
import { INJECTION_PATTERNS, type InjectionPattern } from "./injection-patterns";
import { createTriggerScanner } from "./trigger-scanner";

export interface InjectionHeuristicsOptions {
  patterns?: readonly InjectionPattern[];
  /** Multiplier for a match that is quoted inside text discussing prompt injection. */
  quotedDamping?: number;
}

const META_DISCUSSION =
  /\b(?:prompt injection|injection attacks?|jailbreak(?:ing|s)? (?:attacks?|attempts?|prompts?)|detect(?:ion|ing)?|defend|protect|mitigat\w*|classifier|example of|such as|phrases? like|red[- ]team\w*|guardrails?)\b/u;
const OPEN_QUOTE = /["'“‘«`]\s*$/u;

function isQuoted(text: string, index: number): boolean {
  return OPEN_QUOTE.test(text.slice(Math.max(0, index - 3), index));
}

/**
 * What comes right before a defence: a prohibition ("do not", "never", "must not ever") or a condition on what someone
 * else asks for ("if the user asks you to"). Only directly before the phrase: "Never forget: ignore all previous
 * instructions" is still an attack, and so is anything after "I ask you to".
 */
const DEFENCE_BEFORE =
  /(?:\b(?:do|does|must|should|shall|will|would|can|could|may)(?: not|n't|n’t)|\bcannot|\bnever|\bnot to|\b(?:if|when|whenever)\b[^.!?\n]{0,40}\b(?:ask(?:s|ed)?|tells?|told|wants?|tries|attempts?|requests?)(?: you)? to|\b(?:refuse|decline)s?\b[^.!?\n]{0,50}\bto)(?: ever|,? under any circumstances,?)?\s+$/u;
const DEFENCE_LOOKBEHIND = 80;

function isDefence(text: string, index: number): boolean {
  return DEFENCE_BEFORE.test(text.slice(Math.max(0, index - DEFENCE_LOOKBEHIND), index));
}

/**
 * Where `re` (global) first matches `haystack` as an attack, skipping defences, as an index into `text` (of which
 * `haystack` starts at `offset`); -1 when it does not.
 */
function attackMatch(options: { re: RegExp; haystack: string; offset: number; text: string }): number {
  const { re, haystack, offset, text } = options;
  re.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(haystack)) !== null) {
    if (!isDefence(text, match.index + offset)) return match.index + offset;
    re.lastIndex = match.index + 1;
  }
  return -1;
}

const WINDOW_BEFORE = 120;
const WINDOW_AFTER = 500;
// No pattern match is longer than this, so a window already searched also covers any trigger hit in its first part.
const MAX_MATCH = 300;

/** What one scan has matched so far: the patterns, and per category the chance that no match is real. */
interface Tally {
  text: string;
  patterns: readonly InjectionPattern[];
  quotedDamping: number;
  matched: Set<number>;
  miss: Partial<Record<Category, number>>;
  /** Whether the text discusses prompt injection; computed at the first match. */
  meta: boolean | undefined;
}

// No named closures in hot code: keepNames renames them on every call (docs/performance.md).
function record(tally: Tally, index: number, matchIndex: number): void {
  const p = tally.patterns[index];
  tally.matched.add(index);
  tally.meta ??= META_DISCUSSION.test(tally.text);
  const weight = tally.meta && isQuoted(tally.text, matchIndex) ? p.weight * tally.quotedDamping : p.weight;
  tally.miss[p.category] = (tally.miss[p.category] ?? 1) * (1 - weight);
}

export function createInjectionHeuristicsDetector(options: InjectionHeuristicsOptions = {}): Detector {
  const { patterns = INJECTION_PATTERNS, quotedDamping = 0.4 } = options;
  // Global copies, so a search can go on past a defence to the next match.
  const searchers = patterns.map((p) => new RegExp(p.re.source, `${p.re.flags}g`));
  // One scan finds every trigger; each trigger knows the patterns to verify around it.
  const byTrigger = new Map<string, number[]>();
  patterns.forEach((p, index) => {
    for (const trigger of p.triggers) byTrigger.set(trigger, [...(byTrigger.get(trigger) ?? []), index]);
  });
  const triggers = [...byTrigger.keys()].sort((a, b) => b.length - a.length);
  const scanner = createTriggerScanner(triggers);
  const untriggered = patterns.map((p, index) => (p.triggers.length === 0 ? index : -1)).filter((i) => i >= 0);
  // The scanner reports the longest trigger at a position; every other trigger starting there is a prefix of it. So
  // the patterns to verify at a hit are looked up by the hit's trigger, longest first, instead of testing every
  // trigger with startsWith at every hit.
  const patternsAtHit = triggers.map((longest) => triggers.filter((t) => longest.startsWith(t)).flatMap((t) => byTrigger.get(t)!));

  return {
    id: "injection_heuristics",
    categories: ["prompt_injection", "jailbreak"],
    directions: ["input"],
    scan(input: ScanInput): Finding[] {
      const text = input.normalised;
      const matched = new Set<number>();
      const tally: Tally = { text, patterns, quotedDamping, matched, miss: {}, meta: undefined };
      const coveredUntil = new Int32Array(patterns.length);
      for (const index of untriggered) {
        const at = attackMatch({ re: searchers[index], haystack: text, offset: 0, text });
        if (at >= 0) record(tally, index, at);
      }
      let from = 0;
      while (matched.size < patterns.length) {
        const hit = scanner.next(text, from);
        if (hit === null) break;
        from = hit.index + hit.length;
        const start = Math.max(0, hit.index - WINDOW_BEFORE);
        // A sentinel keeps "^" from matching at a window start that is not a real line start.
        const sentinel = start > 0 && text[start - 1] !== "\n" ? "\u0000" : "";
        let window: string | undefined;
        for (const index of patternsAtHit[hit.trigger]) {
          if (matched.has(index) || hit.index < coveredUntil[index]) continue;
          window ??= sentinel + text.slice(start, hit.index + WINDOW_AFTER);
          const at = attackMatch({ re: searchers[index], haystack: window, offset: start - sentinel.length, text });
          if (at >= 0) record(tally, index, at);
          else coveredUntil[index] = hit.index + WINDOW_AFTER - MAX_MATCH;
        }
      }
      return (Object.entries(tally.miss) as Array<[Category, number]>).map(([category, remaining]) => ({
        detector: "injection_heuristics",
        category,
        score: Math.round((1 - remaining) * 1000) / 1000,
      }));
    },
  };
}
