// Rewrites a text for forwarding: detected spans become vault placeholders, `strip` ranges (invisible characters)
// are removed. Spans are UTF-16 offsets into `text`; overlapping spans merge, and no edit ever splits a surrogate pair.
import type { Span } from "../types";
import type { RedactionVault } from "./redaction-vault";

export interface RedactTextOptions {
  text: string;
  /** Ranges replaced by a placeholder (their original value is kept in the vault for restore). */
  spans: readonly Span[];
  vault: RedactionVault;
  /** Ranges deleted outright (invisible_text); a range inside a redacted span is covered by the placeholder. */
  strip?: readonly Span[];
}

export interface RedactTextResult {
  text: string;
  /** The placeholders inserted, in text order (repeats included). */
  placeholders: string[];
  /** How many code units the strip ranges removed. */
  strippedUnits: number;
}

interface Range {
  start: number;
  end: number;
  type: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Clamps a range to the text and widens it so both ends fall on code-point boundaries; empty ranges are dropped. */
function widen(text: string, span: Span): Range | undefined {
  let start = Math.max(0, Math.min(text.length, Math.floor(span.start)));
  let end = Math.max(0, Math.min(text.length, Math.ceil(span.end)));
  if (!(end > start)) return undefined;
  if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start -= 1;
  if (end < text.length && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end += 1;
  return { start, end, type: span.type };
}

/** Sorts and merges overlapping ranges; a merged range keeps the type of its longest member. */
function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Array<Range & { longest: number }> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start < last.end) {
      if (range.end - range.start > last.longest) {
        last.type = range.type;
        last.longest = range.end - range.start;
      }
      last.end = Math.max(last.end, range.end);
    } else {
      merged.push({ start: range.start, end: range.end, type: range.type, longest: range.end - range.start });
    }
  }
  return merged.map(({ start, end, type }) => ({ start, end, type }));
}

/** The parts of `ranges` not covered by `cover` (both sorted and non-overlapping). */
function subtract(ranges: Range[], cover: Range[]): Range[] {
  const out: Range[] = [];
  for (const range of ranges) {
    let start = range.start;
    for (const c of cover) {
      if (c.end <= start || c.start >= range.end) continue;
      if (c.start > start) out.push({ start, end: c.start, type: range.type });
      start = Math.max(start, c.end);
    }
    if (start < range.end) out.push({ start, end: range.end, type: range.type });
  }
  return out;
}

export function redactText(options: RedactTextOptions): RedactTextResult {
  const { text, vault } = options;
  const widenAll = (spans: readonly Span[]) =>
    spans.map((span) => widen(text, span)).filter((range): range is Range => range !== undefined);
  const redactions = merge(widenAll(options.spans));
  const strips = subtract(merge(widenAll(options.strip ?? [])), redactions);

  const edits: Array<Range & { strip: boolean }> = [];
  for (const { start, end, type } of redactions) edits.push({ start, end, type, strip: false });
  for (const { start, end, type } of strips) edits.push({ start, end, type, strip: true });
  if (strips.length) edits.sort((a, b) => a.start - b.start);

  // Placeholders already in the text must not collide with the ones issued now.
  vault.reserve(text);
  const pieces: string[] = [];
  const placeholders: string[] = [];
  let strippedUnits = 0;
  let cursor = 0;
  for (const edit of edits) {
    pieces.push(text.slice(cursor, edit.start));
    if (edit.strip) {
      strippedUnits += edit.end - edit.start;
    } else {
      const placeholder = vault.placeholderFor({ type: edit.type, value: text.slice(edit.start, edit.end) });
      placeholders.push(placeholder);
      pieces.push(placeholder);
    }
    cursor = edit.end;
  }
  pieces.push(text.slice(cursor));
  return { text: pieces.join(""), placeholders, strippedUnits };
}
