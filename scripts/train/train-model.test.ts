// Retraining is bit-for-bit reproducible: the same rows and seed give the same generated module (window head
// included), a different seed does not (so the comparison can fail). Uses a small slice and a small hash space.
import { describe, expect, it } from "vitest";
import { renderModelModule } from "./model-writer";
import { trainModel } from "./train-model";
import { generateOwnData } from "./own-data/generate-own-data";
import { CORPUS_DIR, readBipiaTrainAttacks, readJsonl } from "./training-rows";
import { join } from "node:path";
import { bestWindowScore } from "../../shared/screening/classifiers/window-head";
import { SHIPPED_WINDOWING, trainWindowHead } from "./train-window-head";
import { normaliseForTraining } from "./training-normaliser";
import { createValidationSplit } from "./validation-split";

const corpusSlice = readJsonl(join(CORPUS_DIR, "train.jsonl")).slice(0, 1200);
const ownSlice = [...generateOwnData().values()].flatMap((rows) => rows.slice(0, 25));
const rows = [...corpusSlice, ...ownSlice];
const bipiaAttacks = readBipiaTrainAttacks().slice(0, 20);

function train(seed: number): string {
  const result = trainModel({ rows, feature: { bits: 12 }, ftrl: { epochs: 2, seed }, window: { bipiaAttacks } });
  return renderModelModule(result.model);
}

describe("npm run train", () => {
  it("produces identical bytes when retrained on the same rows", () => {
    const first = train(7);
    expect(train(7)).toBe(first);
    expect(first).toContain('"weightsSha256"');
    expect(first).toContain('"formatVersion": 2');
    expect(first).toMatch(/"window": \{[\s\S]*"weightsBase64": "[A-Za-z0-9+/=]{100,}"/);
  });

  it("aligns the window view with the injection threshold: its reported FPR is the FPR at the served threshold", () => {
    const injectionThreshold = 0.9;
    const split = createValidationSplit({ rows, normalise: normaliseForTraining });
    const isValidationRow = split.isValidation;
    const trained = trainWindowHead({
      rows, bipiaAttacks, feature: { bits: 12 }, normalise: normaliseForTraining, injectionThreshold, split,
      targetFpr: 0.05, ownFpr: 0.05, ftrl: { epochs: 2, seed: 7 },
    });
    const longBenign = rows
      .filter((row) => isValidationRow(row) && row.labels.length === 0)
      .map((row) => normaliseForTraining(row.text))
      .filter((text) => text.length > SHIPPED_WINDOWING.minChars);
    expect(longBenign.length).toBe(trained.validation.longBenign);
    const flagged = longBenign.filter((text) => bestWindowScore(trained.decoded, text).score >= injectionThreshold).length;
    expect(flagged / longBenign.length).toBeCloseTo(trained.validation.longBenignFpr, 9);
    expect(trained.validation.longBenignFpr).toBeLessThanOrEqual(0.05);
    // Same check on the positive side, where the rate is not zero (so a wrong shift would show).
    const longInjections = rows
      .filter((row) => isValidationRow(row) && row.labels.includes("prompt_injection"))
      .map((row) => normaliseForTraining(row.text))
      .filter((text) => text.length > SHIPPED_WINDOWING.minChars);
    const caught = longInjections.filter((text) => bestWindowScore(trained.decoded, text).score >= injectionThreshold).length;
    expect(trained.validation.longInjectionRecall).toBeGreaterThan(0);
    expect(caught / longInjections.length).toBeCloseTo(trained.validation.longInjectionRecall, 9);
    expect(trained.validation.trainWindows).toBeGreaterThan(100);
  });

  it("produces different bytes with a different seed (the comparison is not vacuous)", () => {
    expect(train(8)).not.toBe(train(7));
  });

  it("leaves the window head out when asked (format 1, as v1 shipped)", () => {
    const result = trainModel({ rows, feature: { bits: 12 }, ftrl: { epochs: 1, seed: 7 }, window: false });
    expect(result.model.formatVersion).toBe(1);
    expect(result.model.window).toBeUndefined();
  });

  it("own data generation is deterministic", () => {
    const again = [...generateOwnData().values()].flatMap((r) => r.slice(0, 25));
    expect(again).toEqual(ownSlice);
  });
});
