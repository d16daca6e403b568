// The streamed-answers evaluation's invariants on a slice of the corpus test split (reporting only): every text is
// streamed as many times as it has tokenizations, and scoring windows as fragments only ever lowers scores, so it
// never stops a stream that windows scored as whole texts let through.
import { describe, expect, it } from "vitest";
import { evaluateStreamedAnswers, renderStreamedAnswersEvaluation } from "./streamed-answers-eval";

describe("streamed answers evaluation", () => {
  it("streams each text once per tokenization, and fragments never stop more than whole-text windows", async () => {
    const evaluation = await evaluateStreamedAnswers({ limit: 12 });
    expect(evaluation.benignAnswers.streams).toBe(36);
    expect(evaluation.benignAnswersEveryHead.streams).toBe(36);
    expect(evaluation.toxicTexts.streams).toBe(12);
    for (const counts of [evaluation.benignAnswers, evaluation.benignAnswersEveryHead, evaluation.toxicTexts, evaluation.toxicInsideAnswers]) {
      expect(counts.streamedAsFragments).toBeLessThanOrEqual(counts.streamedAsWholeTexts);
    }
    // Toxic texts are stopped, streamed or whole; the fragment scoring keeps most of them.
    expect(evaluation.toxicTexts.streamedAsFragments).toBeGreaterThanOrEqual(8);
    expect(evaluation.toxicInsideAnswers.medianToxicCharsOut.asFragments).toBeLessThanOrEqual(evaluation.toxicInsideAnswers.toxicChars);
    expect(renderStreamedAnswersEvaluation(evaluation)).toContain("| benign model answers (3 tokenizations each) |");
  }, 60_000);
});
