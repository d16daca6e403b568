// Report arithmetic: per-category rates with the right metric (blocked vs caught), FPR, thresholds, errors, and the
// text rendering.
import { describe, expect, it } from "vitest";
import type { CaseOutcome, RedteamCase } from "../../redteam/case";
import { formatReport } from "../../redteam/format-report";
import { computeReport } from "../../redteam/report";
import type { Action, Category } from "../../shared/screening/types";

let n = 0;
function done(category: Category | null, action: Action, options: { findings?: Category[]; technique?: string } = {}): CaseOutcome {
  const c: RedteamCase = { id: `c${n++}`, text: "t", category, direction: "input", technique: options.technique ?? "plain" };
  const findings = options.findings ?? (category ? [category] : []);
  const blocked = action === "block";
  return { case: c, status: "done", action, blocked, caught: blocked || (action !== "allow" && category !== null && findings.includes(category)), findingCategories: findings };
}

const outcomes: CaseOutcome[] = [
  done("prompt_injection", "block"),
  done("prompt_injection", "block", { technique: "base64" }),
  done("prompt_injection", "block"),
  done("prompt_injection", "flag", { technique: "base64" }), // flagged is not blocked
  done("pii", "redact"),
  done("pii", "allow"),
  done(null, "allow"),
  done(null, "allow"),
  done(null, "allow"),
  done(null, "block"),
  { case: { id: "s1", text: "t", category: "toxicity", direction: "output", technique: "plain" }, status: "skipped", reason: "n/a" },
];

describe("computeReport", () => {
  const report = computeReport({ outcomes, thresholds: { minBlockRate: 0.7, maxFpr: 0.3 } });

  it("counts attacks blocked per category and PII caught when redacted", () => {
    expect(report.categories).toEqual([
      { category: "prompt_injection", metric: "blocked", total: 4, hits: 3, rate: 0.75, passed: true },
      { category: "pii", metric: "caught", total: 2, hits: 1, rate: 0.5, passed: false },
    ]);
  });

  it("computes the false-positive rate over benign cases and lists them", () => {
    expect(report.benign).toEqual({ total: 4, blocked: 1, flagged: 1, fpr: 0.25, passed: true });
    expect(report.falsePositives).toHaveLength(1);
  });

  it("ranks techniques weakest first and lists misses", () => {
    expect(report.techniques[0]).toEqual({ technique: "base64", total: 2, hits: 1, rate: 0.5 });
    expect(report.misses.map((m) => m.action)).toEqual(["flag", "allow"]);
    expect(report.totals).toEqual({ cases: 11, attacks: 6, benign: 4, skipped: 1, errors: 0 });
  });

  it("fails when any category is under the minimum, and says which", () => {
    expect(report.passed).toBe(false);
    expect(report.failures).toEqual(["pii: caught 50.0% < 70.0%"]);
  });

  it("passes on both sides of the thresholds exactly as configured", () => {
    expect(computeReport({ outcomes, thresholds: { minBlockRate: 0.5, maxFpr: 0.25 } }).passed).toBe(true);
    const strictFpr = computeReport({ outcomes, thresholds: { minBlockRate: 0.5, maxFpr: 0.2 } });
    expect(strictFpr.passed).toBe(false);
    expect(strictFpr.failures).toEqual(["false-positive rate 25.0% > 20.0%"]);
  });

  it("a redact for another category does not count as catching PII", () => {
    const r = computeReport({ outcomes: [done("pii", "redact", { findings: ["secret"] })], thresholds: { minBlockRate: 0.5, maxFpr: 0 } });
    expect(r.categories[0].hits).toBe(0);
  });

  it("fails a run with unjudged cases even if every rate is fine", () => {
    const r = computeReport({
      outcomes: [done("jailbreak", "block"), { case: { id: "e", text: "t", category: "jailbreak", direction: "input", technique: "plain" }, status: "error", reason: "HTTP 502" }],
      thresholds: { minBlockRate: 0.9, maxFpr: 0.02 },
    });
    expect(r.passed).toBe(false);
    expect(r.errors).toEqual([{ id: "e", category: "jailbreak", technique: "plain", reason: "HTTP 502" }]);
  });
});

describe("formatReport", () => {
  it("prints one row per category, the benign row and the verdict", () => {
    const text = formatReport({ report: computeReport({ outcomes, thresholds: { minBlockRate: 0.7, maxFpr: 0.3 } }), title: "T" });
    expect(text).toMatch(/\| prompt_injection\s+\|\s+blocked \|\s+4 \|\s+3 \|\s+75\.0% \|/);
    expect(text).toMatch(/\| benign \(false positives\)\s+\|\s+blocked \|\s+4 \|\s+1 \|\s+25\.0% \|\s+≤ 30\.0% \|\s+ok \|/);
    expect(text).toContain("FAIL: pii: caught 50.0% < 70.0%");
  });
});
