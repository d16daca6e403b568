// Retraining is bit-for-bit reproducible: the same rows and seed give the same shipped files (module and weight bytes),
// a different seed does not (so the comparison can fail). The line view's reported FPR and recall are the rates at
// the served threshold. Uses a small slice and a small hash space.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLASSIFIER_LABELS, decodeModel, marginsOf, sigmoid, type SerialisedModel } from "../../shared/screening/classifiers/linear-model";
import { MIN_PIECED_CHARS } from "../../shared/screening/classifiers/text-features";
import { renderModelFiles, sha256Hex } from "./model-writer";
import { DEFAULT_WEIGHTING, SOME_HEADS_SOURCES, targetFor, trainsLineView } from "./head-tasks";
import { generateOwnData } from "./own-data/generate-own-data";
import { trainModel } from "./train-model";
import { normaliseForTraining } from "./training-normaliser";
import { CORPUS_DIR, readBipiaTrainAttacks, readJsonl } from "./training-rows";
import { createValidationSplit } from "./validation-split";

const corpusSlice = readJsonl(join(CORPUS_DIR, "train.jsonl")).slice(0, 1200);
const ownSlice = [...generateOwnData().values()].flatMap((rows) => rows.slice(0, 25));
const rows = [...corpusSlice, ...ownSlice];
const bipiaAttacks = readBipiaTrainAttacks().slice(0, 20);
const feature = { bits: 12, normPseudoCount: 48, linePseudoCount: 16 };

const split = createValidationSplit({ rows, normalise: normaliseForTraining });

/** The long validation texts (normalised) whose labels pass `wanted`: what the line and sentence views calibrate on. */
function longValidationTexts(wanted: (labels: string[]) => boolean): string[] {
  return rows
    .filter((row) => split.isValidation(row) && wanted(row.labels))
    .map((row) => normaliseForTraining(row.text))
    .filter((text) => text.length > MIN_PIECED_CHARS);
}

function train(seed: number): ReturnType<typeof trainModel> {
  return trainModel({ rows, bipiaAttacks, feature, ftrl: { epochs: 2, seed } });
}

/** Both shipped files as one string: the module, then the weight bytes in hex. */
function shippedFiles(model: SerialisedModel): string {
  const files = renderModelFiles(model);
  return `${files.module}\n${Buffer.from(files.weights).toString("hex")}`;
}

describe("npm run train", () => {
  const first = train(7);

  it("produces identical bytes when retrained on the same rows", () => {
    const files = renderModelFiles(first.model);
    expect(shippedFiles(train(7).model)).toBe(shippedFiles(first.model));
    expect(files.module).toContain('"weightsSha256"');
    expect(files.module).toContain('"formatVersion": 3');
    // The weights ship as bytes beside the module, not as base64 inside it (the Worker compiles the module).
    expect(files.module).not.toContain("weightsBase64");
    expect(files.weights.length).toBe((1 << feature.bits) * 5);
    const decoded = decodeModel(first.model);
    expect(files.weights.subarray(0, (1 << feature.bits) * 4)).toEqual(new Uint8Array(decoded.weights.buffer, decoded.weights.byteOffset, decoded.weights.length));
    expect(sha256Hex(files.weights.subarray((1 << feature.bits) * 4))).toBe(first.model.line.weightsSha256);
  });

  it("produces different bytes with a different seed (the comparison is not vacuous)", () => {
    expect(shippedFiles(train(8).model)).not.toBe(shippedFiles(first.model));
  });

  it("calibrates with the weighting it trains with: the default equals DEFAULT_WEIGHTING passed explicitly", () => {
    // The default run once trained the injection head without planted-line documents but fitted its Platt scaling
    // with them; an explicit DEFAULT_WEIGHTING gave a different threshold.
    const explicit = trainModel({ rows, bipiaAttacks, feature, ftrl: { epochs: 2, seed: 7 }, weighting: DEFAULT_WEIGHTING });
    expect(shippedFiles(explicit.model)).toBe(shippedFiles(first.model));
  });

  it("aligns the line view with the injection threshold: its reported rates are the rates at the served threshold", () => {
    const model = decodeModel(first.model);
    const threshold = first.model.heads[0].recommendedThreshold;
    // The line view's served score (Platt already shifted onto the injection threshold's scale).
    const lineScore = (text: string) => {
      const best = marginsOf(model, text).bestPiece;
      return best === -Infinity ? 0 : sigmoid(model.line.platt.a * best + model.line.platt.b);
    };
    const benign = longValidationTexts((labels) => labels.length === 0);
    expect(benign.length).toBe(first.line.longBenign);
    const flagged = benign.filter((text) => lineScore(text) >= threshold).length;
    expect(flagged / benign.length).toBeCloseTo(first.line.longBenignFpr, 9);
    expect(first.line.longBenignFpr).toBeLessThanOrEqual(0.01);
    const injections = longValidationTexts((labels) => labels.includes("prompt_injection"));
    expect(injections.length).toBe(first.line.longInjections);
    const caught = injections.filter((text) => lineScore(text) >= threshold).length;
    expect(first.line.longInjectionRecall).toBeGreaterThan(0); // a rate that is not zero, so a wrong shift would show
    expect(caught / injections.length).toBeCloseTo(first.line.longInjectionRecall, 9);
    expect(first.line.trainPieces).toBeGreaterThan(100);
  });

  it("aligns the sentence view with the injection threshold: never looser than the line view, within the same FPR budget", () => {
    const model = decodeModel(first.model);
    const threshold = first.model.heads[0].recommendedThreshold;
    const sentencePlatt = model.line.sentencePlatt!;
    expect(first.line.sentenceThreshold).toBeGreaterThanOrEqual(first.line.threshold);
    // Both views' served verdict: the best piece or the best sentence at the one injection threshold.
    const flagged = (text: string) => {
      const { bestPiece, bestSentence } = marginsOf(model, text);
      const piece = bestPiece === -Infinity ? 0 : sigmoid(model.line.platt.a * bestPiece + model.line.platt.b);
      const sentence = bestSentence === -Infinity ? 0 : sigmoid(sentencePlatt.a * bestSentence + sentencePlatt.b);
      return piece >= threshold || sentence >= threshold;
    };
    const benign = longValidationTexts((labels) => labels.length === 0);
    const benignRate = benign.filter(flagged).length / benign.length;
    expect(benignRate).toBeCloseTo(first.line.viewsLongBenignFpr, 9);
    expect(benignRate).toBeLessThanOrEqual(0.01);
    const injections = longValidationTexts((labels) => labels.includes("prompt_injection"));
    expect(injections.filter(flagged).length / injections.length).toBeCloseTo(first.line.viewsLongInjectionRecall, 9);
    expect(first.line.viewsLongInjectionRecall).toBeGreaterThanOrEqual(first.line.longInjectionRecall);
    // The shift differs from the line view's exactly by the two thresholds' logits.
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(model.line.platt.b - sentencePlatt.b).toBeCloseTo(logit(first.line.sentenceThreshold) - logit(first.line.threshold), 9);
  });

  it("trains each family meant for some heads into those heads only: the others keep their bytes and thresholds", () => {
    expect(SOME_HEADS_SOURCES.length).toBeGreaterThan(1);
    for (const source of SOME_HEADS_SOURCES) {
      const family = rows.filter((row) => row.source === source);
      expect(family.length).toBeGreaterThan(10);
      const without = trainModel({ rows: rows.filter((row) => row.source !== source), bipiaAttacks, feature, ftrl: { epochs: 2, seed: 7 } });
      const [withRows, withoutRows] = [decodeModel(first.model), decodeModel(without.model)];
      const headWeights = (model: typeof withRows, h: number) => model.weights.filter((_, i) => i % CLASSIFIER_LABELS.length === h);
      CLASSIFIER_LABELS.forEach((label, h) => {
        const trainedOn = targetFor(family[0], label) >= 0;
        expect(headWeights(withRows, h).join() === headWeights(withoutRows, h).join(), `${source} ${label}`).toBe(!trainedOn);
        if (!trainedOn) expect(first.model.heads[h], `${source} ${label}`).toEqual(without.model.heads[h]); // Platt, threshold
      });
      // The line view trains on a family only where head-tasks.ts says so (RAG prompts: the line view alone).
      expect(first.model.line.weightsBase64 === without.model.line.weightsBase64, `${source} line view`).toBe(!trainsLineView(family[0]));
    }
  });

  it("sets each head's support floor at its shortest positive: none of them under it, one of them on it", () => {
    const model = decodeModel(first.model);
    CLASSIFIER_LABELS.forEach((label, h) => {
      const floor = first.model.heads[h].minBuckets;
      const buckets = rows.filter((row) => targetFor(row, label, DEFAULT_WEIGHTING) === 1)
        .map((row) => marginsOf(model, normaliseForTraining(row.text)).buckets);
      expect(buckets.length).toBeGreaterThan(0);
      expect(buckets.every((count) => count >= floor!)).toBe(true);
      expect(buckets).toContain(floor);
    });
  });

  it("own data generation is deterministic", () => {
    const again = [...generateOwnData().values()].flatMap((r) => r.slice(0, 25));
    expect(again).toEqual(ownSlice);
  });
});
