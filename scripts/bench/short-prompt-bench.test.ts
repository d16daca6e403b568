// The short-prompt benchmark runs end to end (tiny sample) and reports sane rows: both measured, and screening end
// to end never cheaper than the detectors it runs.
import { describe, expect, it } from "vitest";
import { benchShortPrompt } from "./short-prompt-bench";

describe("benchShortPrompt", () => {
  it("measures screenText and its detectors on the same prompt", async () => {
    const [endToEnd, detectorsAlone] = await benchShortPrompt({ batches: 5, runs: 200 });
    expect(endToEnd.measure).toContain("screenText end to end");
    expect(detectorsAlone.measure).toContain("detectors alone");
    expect(detectorsAlone.usPerText).toBeGreaterThan(0);
    expect(endToEnd.usPerText).toBeGreaterThan(detectorsAlone.usPerText);
  });
});
