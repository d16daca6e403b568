// The short-prompt benchmark runs end to end (tiny sample) and reports sane rows: both measured. Which is dearer is
// the bench's figure, not this test's: under a parallel test run the two swapped once (26.5 against 34.5 µs).
import { describe, expect, it } from "vitest";
import { benchShortPrompt } from "./short-prompt-bench";

describe("benchShortPrompt", () => {
  it("measures screenText and its detectors on the same prompt", async () => {
    const [endToEnd, detectorsAlone] = await benchShortPrompt({ batches: 5, runs: 200 });
    expect(endToEnd.measure).toContain("screenText end to end");
    expect(detectorsAlone.measure).toContain("detectors alone");
    for (const row of [endToEnd, detectorsAlone]) {
      expect(row.usPerText).toBeGreaterThan(0);
      expect(Number.isFinite(row.usPerText)).toBe(true);
    }
  });
});
