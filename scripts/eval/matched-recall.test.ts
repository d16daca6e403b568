// The matched-recall comparison: the threshold is the score of the positive that reaches each recall, and families
// are measured at that same threshold.
import { describe, expect, it } from "vitest";
import type { LabelledRow } from "../train/training-rows";
import { matchedRecall, renderMatched } from "./matched-recall";

const row = (text: string, harmful: boolean): LabelledRow => ({ text, labels: harmful ? ["harmful_request"] : [], direction: "input", source: "test" });
// Each text is its own score.
const score = (text: string) => Number(text);

describe("matchedRecall", () => {
  const validation = [
    ...["0.9", "0.8", "0.7", "0.6", "0.5", "0.4", "0.3", "0.2", "0.1", "0.05"].map((t) => row(t, true)),
    ...["0.75", "0.35", "0.01", "0.02"].map((t) => row(t, false)),
  ];
  const families = new Map([
    ["everyday [benign]", ["0.65", "0.45", "0.1", "0.0"].map((t) => row(t, false))],
    ["quiet [benign]", ["0.0", "0.0"].map((t) => row(t, false))],
  ]);
  const rows = matchedRecall({ label: "harmful_request", validation, families, score, recalls: [0.3, 0.5, 0.8] });

  it("sets each threshold at the positive that reaches the recall", () => {
    expect(rows.map((r) => r.threshold)).toEqual([0.7, 0.5, 0.2]);
  });

  it("measures validation benign and every family at that threshold", () => {
    expect(rows.map((r) => r.validationBenignFpr)).toEqual([0.25, 0.25, 0.5]);
    expect(rows.map((r) => r.families["everyday [benign]"])).toEqual([0, 0.25, 0.5]);
  });

  it("gives columns only to families flagged somewhere", () => {
    const table = renderMatched("harmful_request", rows);
    expect(table).toContain("| everyday [benign] |");
    expect(table).not.toContain("| quiet [benign] |");
    expect(table).toContain("0% on every row: quiet [benign]");
  });
});
