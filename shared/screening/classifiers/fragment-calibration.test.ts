// Fragments (fragment-calibration.ts) in both classifier detectors: a stream window's toxicity moved down by the
// fitted shift, and an answer's raised to its best window's scored as a fragment; prompts are scored whole.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/schema";
import { prepareScanInput } from "../normalise/prepare-scan-input";
import type { ScanContext } from "../types";
import { classifyInput, classifyLabels, createClassifierDetector } from "./classifier-detector";
import { createEscalatingClassifierDetector } from "./escalating-classifier";
import { ANSWER_WINDOW_CHARS, answerWindows, FRAGMENT_MARGIN_SHIFT, shiftedScore } from "./fragment-calibration";

describe("a stream window (ScanContext.fragment)", () => {
  it("has its toxicity moved down by the fitted shift, in the local and the escalating classifier alike; other heads as they are", async () => {
    const input = prepareScanInput("Shut up, you worthless idiot. Nobody cares what a stupid moron like you thinks.");
    const context: ScanContext = { direction: "output", policy: { ...DEFAULT_POLICY, output: { ...DEFAULT_POLICY.output, jailbreak: { action: "block", threshold: 0.5, shadow: false } } } };
    for (const detector of [createClassifierDetector({ minScore: 0 }), createEscalatingClassifierDetector({ minScore: 0 })]) {
      const whole = await detector.scan(input, context);
      const fragment = await detector.scan(input, { ...context, fragment: true });
      const score = (findings: typeof whole, category: string) => findings.find((finding) => finding.category === category)!.score;
      expect(score(whole, "toxicity")).toBeGreaterThan(0.8);
      expect(score(fragment, "toxicity")).toBeCloseTo(shiftedScore({ score: score(whole, "toxicity"), shift: FRAGMENT_MARGIN_SHIFT.toxicity! }), 12);
      expect(score(fragment, "toxicity")).toBeLessThan(score(whole, "toxicity"));
      expect(score(fragment, "jailbreak")).toBe(score(whole, "jailbreak"));
    }
  });
});

describe("an answer's windows", () => {
  const paragraphs = [
    "Thanks for asking about the garden schedule. Water the roses early in the morning and prune them in late winter. ",
    "Tomatoes like a sunny spot and regular feeding once the first flowers appear. ",
    "For the lawn, mow once a week in summer and leave the clippings where they fall, since they feed the soil. ",
    "Rake the leaves in autumn and add them to the compost heap with kitchen scraps. ",
    "Herbs such as basil, thyme and rosemary grow well in pots on a bright windowsill. ",
  ];
  const answer = `${paragraphs.slice(0, 4).join("")}You dumb bitch. ${paragraphs[4]}`;

  it("raise an answer's toxicity to its best window's, scored as a fragment; a prompt's stays its whole text's", async () => {
    const input = prepareScanInput(answer);
    const whole = classifyInput(input, ["toxicity"]).toxicity!;
    const best = Math.max(
      ...answerWindows({ text: input.normalised, size: ANSWER_WINDOW_CHARS }).map((window) => shiftedScore({ score: classifyLabels(window, ["toxicity"]).toxicity!, shift: FRAGMENT_MARGIN_SHIFT.toxicity! })),
    );
    expect(best).toBeGreaterThan(whole);
    const toxicity = async (context: ScanContext) => (await createClassifierDetector({ minScore: 0 }).scan(input, context)).find((f) => f.category === "toxicity")!.score;
    expect(await toxicity({ direction: "output", policy: DEFAULT_POLICY })).toBe(best);
    expect(await toxicity({ direction: "input", policy: DEFAULT_POLICY })).toBe(whole);
    // A stream window is scored as one fragment, not cut again.
    expect(await toxicity({ direction: "output", policy: DEFAULT_POLICY, fragment: true })).toBe(shiftedScore({ score: whole, shift: FRAGMENT_MARGIN_SHIFT.toxicity! }));
  });

  it("leave a benign answer's score alone", async () => {
    const input = prepareScanInput(paragraphs.join(""));
    const [finding] = (await createClassifierDetector({ minScore: 0 }).scan(input, { direction: "output", policy: DEFAULT_POLICY })).filter((f) => f.category === "toxicity");
    expect(finding.score).toBeLessThan(DEFAULT_POLICY.output.toxicity!.threshold);
  });
});
