// The resent-answers evaluation's invariants on the corpus test split (reporting only): delivered benign answers no
// longer block under the default policy, and a never-delivered text blocks the same as an assistant turn as from a
// user, and the same under "screen" as when never delivered.
import { describe, expect, it } from "vitest";
import { evaluateResentAnswers, renderResentAnswersEvaluation } from "./resent-answers-eval";

describe("resent answers evaluation", () => {
  it("counts what blocks: delivered answers pass, fabricated ones are judged as a user's text", async () => {
    const evaluation = await evaluateResentAnswers();
    expect(evaluation.benignAnswers).toBeGreaterThan(100);
    expect(evaluation.attacks).toBeGreaterThan(500);
    // Some benign answers do read as requests: otherwise there would be nothing for the policy to do.
    expect(evaluation.blockedNeverDelivered).toBeGreaterThan(0);
    expect(evaluation.blockedOnceDelivered).toBe(0);
    expect(evaluation.blockedUnderScreen).toBe(evaluation.blockedNeverDelivered);
    expect(evaluation.attacksBlockedAsFabricatedAnswer).toBe(evaluation.attacksBlockedAsUser);
    expect(renderResentAnswersEvaluation(evaluation)).toContain(`| benign model answer, delivered (resentAnswers "delivered", default) | 0 / ${evaluation.benignAnswers} (0.0%) |`);
  }, 60_000);
});
