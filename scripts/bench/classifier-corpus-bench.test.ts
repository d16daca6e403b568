// The corpus classifier benchmark runs (on a sample) and reports sane rows: the classifier measured, and dearer per KB
// than a bare loop over the same texts.
import { describe, expect, it } from "vitest";
import { benchClassifierCorpus } from "./classifier-corpus-bench";

describe("benchClassifierCorpus", () => {
  it("measures the classifier on corpus texts next to the machine's floor", async () => {
    const [classifier, long, floor] = await benchClassifierCorpus({ limit: 600 });
    expect(classifier.texts).toBe(600);
    expect(classifier.note).toContain("30");
    expect(long.usPerKb).toBeGreaterThan(0);
    expect(floor.usPerKb).toBeGreaterThan(0);
    expect(classifier.usPerKb).toBeGreaterThan(floor.usPerKb);
  });
});
