// Input texts found clean, remembered so a text sent again is not screened again: a chat resends its whole history
// with every turn, an app its tool definitions and system prompt. Input screening reads nothing but the text, its kind,
// the policy and the detectors (output detectors also read the system prompt and the prompt, so answers are never
// cached), and a clean text has nothing to audit, so skipping it changes no result. Entries are scoped, an app's own
// texts to its tenant and conversation texts to the tenant's end user, so whether a text was seen before (a faster
// answer) cannot be learnt across tenants or end users. Bounded by the characters held; least recently used go first.
import type { Policy } from "../../policy/schema";
import type { TextPart } from "../extract/text-part";
import type { Detector } from "../types";
import type { Assessment } from "./assess-text";

/** Who may share remembered texts: the tenant, and within it the end user when the request names one. */
export interface CacheScope {
  tenant: string;
  endUser?: string;
}

export interface CleanTextEntry {
  detectors: readonly Detector[];
  policy: Policy;
  scope: CacheScope;
  part: TextPart;
}

export interface CleanTextCache {
  /** Whether this part's text was found clean under this policy and detector set, in this scope. */
  has(entry: CleanTextEntry): boolean;
  /**
   * Remembers the part's text if its assessment found nothing to act on or audit (no finding, none shadowed, no
   * failure), and it can come back: an app's text always can, a conversation text when the request is more than one
   * turn (`requestParts`: all the request's texts).
   */
  rememberIfClean(entry: CleanTextEntry & { assessment: Assessment; requestParts: readonly TextPart[] }): void;
  /** Characters held (texts and their contexts), for tests and metrics. */
  readonly chars: number;
}

/** The default bound: 4 Mi characters (≤ 8 MiB) per isolate or process, a few hundred live conversations. */
export const DEFAULT_CLEAN_TEXT_CHARS = 4 * 1024 * 1024;

/** An app's own text, sent alike with every request whoever the end user is. */
function isAppText(part: TextPart): boolean {
  return part.kind === "tool_definition" || part.role === "system" || part.role === "developer";
}

/**
 * Whether a conversation text may be sent again: not when it is the request's only one. A single-turn request's
 * prompt (one question, one document to summarise) never comes back as history, and holding it would only cost
 * memory and the collector's time (~15% of screening a 2 KB prompt, measured). A chat's first message is screened
 * again at its second turn, and remembered then.
 */
function mayRepeat(options: { part: TextPart; requestParts: readonly TextPart[] }): boolean {
  if (isAppText(options.part)) return true;
  let conversationTexts = 0;
  for (const part of options.requestParts) if (!isAppText(part) && ++conversationTexts > 1) return true;
  return false;
}

/** What screening a part depends on besides the policy and detectors: its kind (which detectors run) and its text. */
export const screeningKey = (part: TextPart): string => `${part.kind ?? "message"}\u0000${part.text}`;

const ids = new WeakMap<object, number>();
let nextId = 1;
/** A number per policy or detector set object: a new tenant policy is a new object, so it starts with nothing. */
function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return id;
}

/** Everything screening a text depends on besides the text itself: detectors, policy, scope and the text's kind. */
function contextOf(entry: CleanTextEntry): string {
  const { scope, part } = entry;
  const who = isAppText(part) ? scope.tenant : `${scope.tenant}\u0000${scope.endUser ?? ""}`;
  return `${idOf(entry.detectors)}.${idOf(entry.policy)}\u0000${part.kind ?? "message"}\u0000${who}`;
}

/** Nothing that reaches the answer or the audit record: scores under the policy's thresholds are read by no one. */
function isClean(assessment: Assessment): boolean {
  const { decision } = assessment;
  return decision.findings.length + decision.shadowFindings.length + decision.failures.length === 0;
}

export function createCleanTextCache(options: { maxChars: number } = { maxChars: DEFAULT_CLEAN_TEXT_CHARS }): CleanTextCache {
  // Keyed by the text itself, the very string the body held: no copy is made, and V8 keeps a string's hash, so a text
  // is hashed once however often it is looked up. Each text keeps the set of contexts it was found clean in (a "Thanks!"
  // may be known for thousands of end users). Map keeps insertion order: the first text is the least recently used
  // one, since a hit moves its text to the end.
  const entries = new Map<string, Set<string>>();
  let chars = 0;
  // One text may not take more than an eighth of the cache: a single huge paste would otherwise empty it.
  const maxEntryChars = Math.floor(options.maxChars / 8);
  return {
    has(entry) {
      const { text } = entry.part;
      const contexts = entries.get(text);
      if (!contexts?.has(contextOf(entry))) return false;
      entries.delete(text);
      entries.set(text, contexts);
      return true;
    },
    rememberIfClean(entry) {
      const { text } = entry.part;
      if (!isClean(entry.assessment) || text.length > maxEntryChars || !mayRepeat(entry)) return;
      const context = contextOf(entry);
      const contexts = entries.get(text) ?? new Set<string>();
      if (contexts.has(context)) return;
      chars += (contexts.size ? 0 : text.length) + context.length;
      contexts.add(context);
      entries.delete(text);
      entries.set(text, contexts);
      for (const [oldest, its] of entries) {
        if (chars <= options.maxChars) break;
        entries.delete(oldest);
        chars -= oldest.length;
        for (const held of its) chars -= held.length;
      }
    },
    get chars() {
      return chars;
    },
  };
}
