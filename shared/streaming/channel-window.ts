// One channel's rolling window (a choice, a content block): the text not yet released, the released context kept
// for patterns that straddle the boundary, and the pure steps that decide how far to release and how released text
// looks once spans are redacted and prompt placeholders restored.
import type { Span } from "../screening/types";
import { holdBackStart, type HoldBack, type HoldBackLimits } from "./hold-back";
import type { TextForm } from "./surface";

export type RedactFn = (match: { type: string; text: string }) => string;
export type RestoreFn = (text: string) => string;

export const redactWithMarker: RedactFn = () => "[REDACTED]";
const identity: RestoreFn = (text) => text;

// Placeholders the redaction vault writes into prompts: `[` TYPE `_` n `]`.
const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;
const PARTIAL_PLACEHOLDER_AT_END = /\[[A-Z][A-Z0-9_]*$/;

export class ChannelWindow {
  /** Released raw text kept so patterns straddling the release point are still seen whole. */
  context = "";
  /** Received raw text not yet released. */
  tail = "";
  /** Absolute offsets (in this channel's raw text) released and received so far. */
  released = 0;
  received = 0;
  /** Absolute offset up to which a span's placeholder has already been written (a span split by a limit). */
  redactedUntil = -1;
  /** How released text may be rewritten (TextForm). */
  readonly form: TextForm;
  private templates: { at: number; template: unknown }[] = [];

  constructor(options: { form?: TextForm } = {}) {
    this.form = options.form ?? "text";
  }

  append(text: string, template: unknown): void {
    const last = this.templates[this.templates.length - 1];
    if (!last || last.template !== template) this.templates.push({ at: this.received, template });
    this.tail += text;
    this.received += text.length;
  }

  get window(): string {
    return this.context + this.tail;
  }

  /** Absolute offset of window index 0. */
  get windowStart(): number {
    return this.released - this.context.length;
  }

  /** The template of the event that carried the text at absolute offset `at`. */
  templateAt(at: number): unknown {
    let found = this.templates[0]?.template;
    for (const entry of this.templates) {
      if (entry.at > at) break;
      found = entry.template;
    }
    return found;
  }

  /** Marks window[context.length, end) released; keeps enough of it as context for the next screen. */
  commit(options: { end: number; contextChars: number; maxContextChars: number }): void {
    const window = this.window;
    const { end } = options;
    let keepFrom = end - options.contextChars;
    // Keep the whole current token (a long key being typed) so the detector still sees where it starts.
    let wordStart = end;
    while (wordStart > 0 && wordStart > end - options.maxContextChars && isTokenChar(window.charCodeAt(wordStart - 1))) wordStart--;
    keepFrom = Math.max(0, Math.min(keepFrom, wordStart));
    this.released += end - this.context.length;
    this.context = window.slice(keepFrom, end);
    this.tail = window.slice(end);
    const cut = this.released;
    while (this.templates.length > 1 && this.templates[1].at <= cut) this.templates.shift();
  }
}

function isTokenChar(code: number): boolean {
  return code > 32 && code < 127;
}

/**
 * `restore` for text inside a JSON string (tool-call arguments): a restored value is escaped as the string needs,
 * so a quote or backslash in it cannot end the string or break the JSON.
 */
export function jsonStringRestore(restore: RestoreFn): RestoreFn {
  return (text) =>
    text.replace(PLACEHOLDER, (placeholder) => {
      const original = restore(placeholder);
      return original === placeholder ? placeholder : JSON.stringify(original).slice(1, -1);
    });
}

/** Sorted, non-overlapping copies of `spans` (the first span's type names a merged range). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).map((s) => ({ ...s })).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged;
}

export interface ReleasePlan {
  /** Window index up to which text is released. */
  end: number;
  hold: HoldBack;
}

/**
 * How far to release: up to the hold-back point, never through the middle of a detected span or one touching the
 * end (it may still grow), never between the halves of a surrogate pair or inside a prompt placeholder.
 */
export function planRelease(options: {
  window: string;
  from: number;
  spans: readonly Span[];
  final: boolean;
  limits: HoldBackLimits;
}): ReleasePlan {
  const { window, from, spans, final, limits } = options;
  const length = window.length;
  if (final) return { end: length, hold: { start: length, reason: "none", capped: false } };
  const hold = holdBackStart({ text: window, from, limits });
  let end = hold.start;
  for (let changed = true; changed; ) {
    changed = false;
    for (const span of spans) {
      if (span.start >= from && span.start < end && (span.end > end || span.end >= length)) {
        end = span.start;
        changed = true;
      }
    }
  }
  end = Math.max(end, from, length - limits.blockHoldBackLimit);
  const partial = PARTIAL_PLACEHOLDER_AT_END.exec(window.slice(Math.max(from, end - 48), end));
  if (partial && end < length && /[A-Z0-9_\]]/.test(window[end])) end = Math.max(from, end - partial[0].length);
  const code = window.charCodeAt(end - 1);
  if (end > from && end < length && code >= 0xd800 && code <= 0xdbff) end--;
  return { end, hold };
}

/** Moves a split point forward out of any span or placeholder it falls inside, so neither is cut in two. */
export function snapSplit(options: { window: string; at: number; limit: number; spans: readonly Span[] }): number {
  let at = options.at;
  for (const span of options.spans) if (span.start < at && at < span.end) at = span.end;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(options.window); m; m = PLACEHOLDER.exec(options.window)) {
    if (m.index < at && at < m.index + m[0].length) at = m.index + m[0].length;
    if (m.index >= at) break;
  }
  return Math.min(at, options.limit);
}

export interface Rendered {
  text: string;
  redactions: number;
  /** Absolute offset up to which the last placeholder covers (for a span continuing past `to`). */
  redactedUntil: number;
}

/**
 * Client text for window[from, to): detected spans become placeholders (a span already given one in an earlier
 * release adds nothing), the rest has prompt placeholders restored.
 */
export function renderRange(options: {
  window: string;
  windowStart: number;
  from: number;
  to: number;
  spans: readonly Span[];
  redactedUntil: number;
  redact?: RedactFn;
  restore?: RestoreFn;
}): Rendered {
  const { window, windowStart, from, to, spans } = options;
  const redact = options.redact ?? redactWithMarker;
  const restore = options.restore ?? identity;
  let text = "";
  let pos = from;
  let redactions = 0;
  let redactedUntil = options.redactedUntil;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (start > pos) text += restore(window.slice(pos, start));
    const continued = span.start < from && redactedUntil === windowStart + from;
    if (!continued) {
      text += redact({ type: span.type, text: window.slice(span.start, span.end) });
      redactions++;
    }
    redactedUntil = windowStart + end;
    pos = end;
  }
  if (to > pos) text += restore(window.slice(pos, to));
  return { text, redactions, redactedUntil };
}
