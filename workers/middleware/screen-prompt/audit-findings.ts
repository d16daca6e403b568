// Copies screening findings into the audit draft: detector, category, score and direction — never the matched text.
import type { AuditDraft } from "../../app-env";
import type { Direction, Finding } from "../../../shared/screening/types";

export function auditFindings(options: { audit: AuditDraft; direction: Direction; findings: readonly Finding[]; shadowFindings: readonly Finding[] }): void {
  const { audit, direction } = options;
  const list = (audit.findings ??= []);
  for (const f of options.findings) list.push({ detector: f.detector, category: f.category, score: f.score, direction, shadow: false });
  for (const f of options.shadowFindings) list.push({ detector: f.detector, category: f.category, score: f.score, direction, shadow: true });
}
