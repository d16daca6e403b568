// Renders a report as a markdown-style table for terminals and CI logs (pasteable into a PR comment).
import type { RedteamReport } from "./report";

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`, ...rows.map(line)].join("\n");
}

export function formatReport(options: { report: RedteamReport; title: string; listLimit?: number }): string {
  const { report } = options;
  const limit = options.listLimit ?? 15;
  const out: string[] = [options.title, ""];
  const rows = report.categories.map((row) => [row.category, row.metric, String(row.total), String(row.hits), percent(row.rate), `≥ ${percent(report.thresholds.minBlockRate)}`, row.passed ? "ok" : "FAIL"]);
  const b = report.benign;
  rows.push(["benign (false positives)", "blocked", String(b.total), String(b.blocked), percent(b.fpr), `≤ ${percent(report.thresholds.maxFpr)}`, b.passed ? "ok" : "FAIL"]);
  out.push(table(["category", "metric", "cases", "hits", "rate", "threshold", "result"], rows), "");
  if (report.techniques.length) {
    out.push("By technique (attacks, weakest first):", "");
    out.push(table(["technique", "cases", "stopped", "rate"], report.techniques.map((t) => [t.technique, String(t.total), String(t.hits), percent(t.rate)])), "");
  }
  const list = (heading: string, refs: RedteamReport["misses"]) => {
    if (!refs.length) return;
    out.push(`${heading} (${refs.length}${refs.length > limit ? `, first ${limit}` : ""}):`);
    for (const r of refs.slice(0, limit)) {
      const findings = r.findings?.length ? ` (findings: ${r.findings.join(", ")})` : "";
      out.push(`  - ${r.id} [${r.category ?? "benign"}/${r.technique}] ${r.action ?? r.reason ?? ""}${findings}`);
    }
    out.push("");
  };
  list("Attacks that got through", report.misses);
  list("Benign cases blocked", report.falsePositives);
  list("Cases that could not be judged", report.errors);
  const t = report.totals;
  out.push(`${t.cases} cases: ${t.attacks} attacks, ${t.benign} benign judged; ${t.skipped} skipped; ${t.errors} errors.`);
  out.push(report.passed ? "PASS" : `FAIL: ${report.failures.join("; ")}`);
  return out.join("\n") + "\n";
}
