// Maps a span found in ScanInput.cleaned back to offsets in the caller's original text, and keeps span lists tidy.
import type { Category, Finding, ScanInput, Span } from "../types";

export interface ScoredSpan extends Span {
  score: number;
}

/** A cleaned-text range in original offsets; the end maps from the last character so trailing removals stay out. */
export function toOriginalSpan(input: ScanInput, span: Span): Span {
  const start = input.toOriginal(span.start);
  const end = span.end > span.start ? input.toOriginal(span.end - 1) + 1 : start;
  return { start, end, type: span.type };
}

interface RankedSpan<T extends Span> {
  span: T;
  priority: number;
}

/**
 * Drops spans that overlap an earlier (higher-priority) one; input order is priority order. Returns start order.
 * Sorting by start splits the spans into clusters of mutually reachable overlaps; priority is resolved inside each
 * cluster only, so the cost stays near-linear however many spans a long text has.
 */
export function dropOverlaps<T extends Span>(spans: readonly T[]): T[] {
  const ranked = spans.map((span, priority) => ({ span, priority }));
  ranked.sort((a, b) => a.span.start - b.span.start || a.priority - b.priority);
  const kept: T[] = [];
  let clusterStart = 0;
  let clusterEnd = -1;
  for (let i = 0; i < ranked.length; i++) {
    const entry = ranked[i];
    if (entry.span.start >= clusterEnd) {
      keepCluster(ranked.slice(clusterStart, i), kept);
      clusterStart = i;
      clusterEnd = entry.span.end;
    } else clusterEnd = Math.max(clusterEnd, entry.span.end);
  }
  keepCluster(ranked.slice(clusterStart), kept);
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Appends to `kept` the spans of one cluster that no higher-priority span of it overlaps, in start order. */
function keepCluster<T extends Span>(cluster: RankedSpan<T>[], kept: T[]): void {
  if (cluster.length === 1) kept.push(cluster[0].span);
  else if (cluster.length > 1) {
    const chosen: T[] = [];
    for (const { span } of cluster.sort((a, b) => a.priority - b.priority)) {
      if (!chosen.some((k) => span.start < k.end && k.start < span.end)) chosen.push(span);
    }
    kept.push(...chosen.sort((a, b) => a.start - b.start));
  }
}

/** Whether any of `words` (a regex) occurs within `distance` characters before `index`. */
export function hasContextBefore(text: string, index: number, words: RegExp, distance = 40): boolean {
  words.lastIndex = 0;
  return words.test(text.slice(Math.max(0, index - distance), index));
}

/**
 * One finding per distinct score, spans mapped to original offsets: policy thresholds then apply to each span at its
 * own confidence (a version-like IP scored 0.45 is not redacted because an email in the same text scored 0.98).
 */
export function groupByScore(options: {
  detector: string;
  category: Category;
  input: ScanInput;
  spans: readonly ScoredSpan[];
}): Finding[] {
  const { detector, category, input, spans } = options;
  const byScore = new Map<number, Span[]>();
  for (const span of spans) {
    const list = byScore.get(span.score) ?? [];
    list.push(toOriginalSpan(input, span));
    byScore.set(span.score, list);
  }
  return [...byScore.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([score, list]) => ({ detector, category, score, spans: list }));
}
