// Collects the findings of the many overlapping screens of one stream into one list for the audit record:
// spans moved to absolute offsets in their channel's text and counted once, scores kept at their maximum.
import type { Finding, Span } from "../screening/types";

export class FindingsLedger {
  private readonly byKey = new Map<string, { finding: Finding; spans: Map<string, Span> }>();

  add(options: { findings: readonly Finding[]; offset: number; channel: string }): void {
    for (const finding of options.findings) {
      const key = `${finding.detector}\u0000${finding.category}`;
      let entry = this.byKey.get(key);
      if (!entry) {
        entry = { finding: { detector: finding.detector, category: finding.category, score: finding.score }, spans: new Map() };
        this.byKey.set(key, entry);
      }
      entry.finding.score = Math.max(entry.finding.score, finding.score);
      for (const span of finding.spans ?? []) {
        const start = span.start + options.offset;
        // The same span is seen again in later windows, possibly longer while it was still growing.
        const spanKey = `${options.channel}:${start}:${span.type}`;
        const known = entry.spans.get(spanKey);
        const end = span.end + options.offset;
        if (!known || known.end < end) entry.spans.set(spanKey, { start, end, type: span.type });
      }
    }
  }

  list(): Finding[] {
    return [...this.byKey.values()].map(({ finding, spans }) =>
      spans.size > 0 ? { ...finding, spans: [...spans.values()].sort((a, b) => a.start - b.start) } : { ...finding },
    );
  }
}
