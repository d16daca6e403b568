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
  const app = isAppText(part);
  const kind = part.kind ?? "message";
  // The texts of one request share all of it but (sometimes) kind and app: the last string is reused, so it is
  // built and hashed once per request, not once per text.
  const memo = lastContext;
  if (memo.tenant === scope.tenant && memo.endUser === scope.endUser && memo.policy === entry.policy && memo.detectors === entry.detectors && memo.kind === kind && memo.app === app) {
    return memo.context;
  }
  const who = app ? scope.tenant : `${scope.tenant}\u0000${scope.endUser ?? ""}`;
  const context = `${idOf(entry.detectors)}.${idOf(entry.policy)}\u0000${kind}\u0000${who}`;
  lastContext = { tenant: scope.tenant, endUser: scope.endUser, policy: entry.policy, detectors: entry.detectors, kind, app, context };
  return context;
}

let lastContext: { tenant: string | null; endUser: string | undefined; policy: Policy | null; detectors: readonly Detector[] | null; kind: string; app: boolean; context: string } = {
  tenant: null,
  endUser: undefined,
  policy: null,
  detectors: null,
  kind: "",
  app: false,
  context: "",
};

/** Nothing that reaches the answer or the audit record: scores under the policy's thresholds are read by no one. */
function isClean(assessment: Assessment): boolean {
  const { decision } = assessment;
  return decision.findings.length + decision.shadowFindings.length + decision.failures.length === 0;
}

/** A remembered text: the contexts it is known clean in, and the characters it holds (text and contexts). */
interface Known {
  contexts: Set<string>;
  chars: number;
}

/** One generation of remembered texts and the characters they hold. */
interface Generation {
  texts: Map<string, Known>;
  chars: number;
}

const newGeneration = (): Generation => ({ texts: new Map(), chars: 0 });

export function createCleanTextCache(options: { maxChars: number } = { maxChars: DEFAULT_CLEAN_TEXT_CHARS }): CleanTextCache {
  // Keyed by the text itself, the very string the body held: no copy is made, and V8 keeps a string's hash, so a text
  // is hashed once however often it is looked up. Each text keeps the set of contexts it was found clean in (a "Thanks!"
  // may be known for thousands of end users). Two generations of at most half the bound each: texts are added to the
  // newer one, a text found in the older one moves to the newer, and when the newer is full the older is dropped whole.
  // Least recently used texts still go first, a generation at a time; a true LRU (a Map hit moved to its end, the
  // first entry evicted) cost 2-7 µs a hit and 4-5 µs an eviction at the default bound on Node 20, as deleted slots
  // pile up in the Map until it rehashes (docs/performance.md, session 20).
  let newer = newGeneration();
  let older = newGeneration();
  const half = Math.floor(options.maxChars / 2);
  // One text may not take more than an eighth of the cache: a single huge paste would otherwise empty it.
  const maxEntryChars = Math.floor(options.maxChars / 8);

  /** Makes room for `chars` more in the newer generation: when they do not fit, it becomes the older one. */
  function roomFor(chars: number): void {
    if (newer.chars + chars <= half) return;
    older = newer;
    newer = newGeneration();
  }

  /** Moves a text of the older generation (with its contexts) into the newer one. */
  function promote(text: string, known: Known): void {
    older.texts.delete(text);
    older.chars -= known.chars;
    roomFor(known.chars);
    newer.texts.set(text, known);
    newer.chars += known.chars;
  }

  return {
    has(entry) {
      const { text } = entry.part;
      const inNewer = newer.texts.get(text);
      if (inNewer) return inNewer.contexts.has(contextOf(entry));
      const inOlder = older.texts.get(text);
      if (!inOlder?.contexts.has(contextOf(entry))) return false;
      promote(text, inOlder);
      return true;
    },
    rememberIfClean(entry) {
      const { text } = entry.part;
      if (!isClean(entry.assessment) || text.length > maxEntryChars || !mayRepeat(entry)) return;
      const context = contextOf(entry);
      const inOlder = newer.texts.has(text) ? undefined : older.texts.get(text);
      if (inOlder) promote(text, inOlder);
      let known = newer.texts.get(text);
      if (known?.contexts.has(context)) return;
      // A text known in so many contexts that it would fill half the cache is not held in more.
      if ((known?.chars ?? text.length) + context.length > half) return;
      if (!known) {
        roomFor(text.length + context.length);
        newer.texts.set(text, (known = { contexts: new Set(), chars: text.length }));
        newer.chars += text.length;
      } else if (newer.chars + context.length > half) {
        // The newer generation is full: it becomes the older one, and this text moves on into the new one.
        roomFor(context.length);
        promote(text, known);
      }
      known.contexts.add(context);
      known.chars += context.length;
      newer.chars += context.length;
    },
    get chars() {
      return newer.chars + older.chars;
    },
  };
}
