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
  /** Remembers the part's text if its assessment found nothing to act on or audit (no finding, none shadowed, no failure). */
  rememberIfClean(entry: CleanTextEntry & { assessment: Assessment }): void;
  /** Characters held (texts and their keys), for tests and metrics. */
  readonly chars: number;
}

/** The default bound: 4 Mi characters (≤ 8 MiB) per isolate or process, a few hundred live conversations. */
export const DEFAULT_CLEAN_TEXT_CHARS = 4 * 1024 * 1024;

/** An app's own text, sent alike with every request whoever the end user is. */
function isAppText(part: TextPart): boolean {
  return part.kind === "tool_definition" || part.role === "system" || part.role === "developer";
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

function keyOf(entry: CleanTextEntry): string {
  const { scope, part } = entry;
  const who = isAppText(part) ? scope.tenant : `${scope.tenant}\u0000${scope.endUser ?? ""}`;
  return `${idOf(entry.detectors)}.${idOf(entry.policy)}\u0000${who}\u0000${screeningKey(part)}`;
}

/** Nothing that reaches the answer or the audit record: scores under the policy's thresholds are read by no one. */
function isClean(assessment: Assessment): boolean {
  const { decision } = assessment;
  return decision.findings.length + decision.shadowFindings.length + decision.failures.length === 0;
}

export function createCleanTextCache(options: { maxChars: number } = { maxChars: DEFAULT_CLEAN_TEXT_CHARS }): CleanTextCache {
  // Map keeps insertion order: the first key is the least recently used one, since a hit moves its key to the end.
  const entries = new Map<string, true>();
  let chars = 0;
  // One text may not take more than an eighth of the cache: a single huge paste would otherwise empty it.
  const maxEntryChars = Math.floor(options.maxChars / 8);
  return {
    has(entry) {
      const key = keyOf(entry);
      if (!entries.delete(key)) return false;
      entries.set(key, true);
      return true;
    },
    rememberIfClean(entry) {
      if (!isClean(entry.assessment)) return;
      const key = keyOf(entry);
      if (key.length > maxEntryChars || entries.has(key)) return;
      entries.set(key, true);
      chars += key.length;
      for (const oldest of entries.keys()) {
        if (chars <= options.maxChars) break;
        entries.delete(oldest);
        chars -= oldest.length;
      }
    },
    get chars() {
      return chars;
    },
  };
}
