// Facts derived from one audit record that several sinks agree on: which findings counted, the top category, and
// whether the record is a blocked prompt (what automated response counts). One definition, so the D1 `categories`
// column, the metrics and the suspension counter never disagree.
import type { Category, Direction } from "../screening/types";
import type { AuditFinding, AuditRecord } from "./record";

/** Findings that could change the request: shadow findings are audited but never acted on. */
export function actedFindings(record: AuditRecord): AuditFinding[] {
  return record.findings.filter((finding) => !finding.shadow);
}

/** Distinct categories of acted-on findings, in first-seen order. */
export function recordCategories(record: AuditRecord): Category[] {
  return [...new Set(actedFindings(record).map((finding) => finding.category))];
}

/** The acted-on category with the highest score ("" when none), for one-value summaries like Analytics Engine blobs. */
export function topCategory(record: AuditRecord): Category | "" {
  let best: AuditFinding | undefined;
  for (const finding of actedFindings(record)) if (!best || finding.score > best.score) best = finding;
  return best?.category ?? "";
}

/** The (category, direction) pairs behind a block; empty unless the gateway's final action was block. */
export function blockedCategories(record: AuditRecord): Array<{ category: Category; direction: Direction }> {
  if (record.action !== "block") return [];
  const seen = new Map<string, { category: Category; direction: Direction }>();
  for (const finding of actedFindings(record)) {
    seen.set(`${finding.direction}:${finding.category}`, { category: finding.category, direction: finding.direction });
  }
  return [...seen.values()];
}

/**
 * A prompt the caller's key is answerable for: blocked because of an input finding. Blocks caused only by a detector
 * failing closed, or by the model's answer, are not the caller's doing and do not count towards suspension.
 */
export function isBlockedPrompt(record: AuditRecord): boolean {
  return record.action === "block" && actedFindings(record).some((finding) => finding.direction === "input");
}
