// The corpus screening benchmark runs (on a sample) and reports sane rows: both directions and the rules measured per
// text, with their per-KB figure in the note.
import { describe, expect, it } from "vitest";
import { benchScreeningCorpus } from "./screening-corpus-bench";

describe("benchScreeningCorpus", () => {
  it("measures each direction's screening and the injection rules on corpus texts", async () => {
    const rows = await benchScreeningCorpus({ limit: 300, minMs: 30 });
    expect(rows.map((row) => row.measure)).toEqual([
      expect.stringContaining("input screening"),
      expect.stringContaining("output screening"),
      expect.stringContaining("injection_heuristics alone"),
    ]);
    for (const row of rows) {
      expect(row.texts).toBe(300);
      expect(row.usPerText).toBeGreaterThan(0);
      expect(row.note).toMatch(/^\d+\.\d µs\/KB$/);
    }
    // The whole input screening runs the rules and more, on the same texts.
    expect(rows[0].usPerText).toBeGreaterThan(rows[2].usPerText);
  });
});
