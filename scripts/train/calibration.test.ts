// Platt scaling, FPR thresholds and ROC AUC on small hand-made inputs.
import { describe, expect, it } from "vitest";
import { fitPlatt, rocAuc, thresholdForBenignGroups, thresholdForFpr } from "./calibration";

describe("fitPlatt", () => {
  it("maps larger margins to higher scores and centres 0.5 between the classes", () => {
    const margins = [-3, -2.5, -2, -1.5, -1, 1, 1.5, 2, 2.5, 3, 0.2, -0.2];
    const targets = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1];
    const { a, b } = fitPlatt({ margins, targets });
    expect(a).toBeGreaterThan(0);
    expect(Math.abs(b)).toBeLessThan(0.5);
  });

  it("balances classes: a rare positive class still gets 0.5 near the class boundary", () => {
    const margins = [...Array(200).fill(0).map((_, i) => -2 - (i % 10) * 0.1), 1.5, 2, 2.5, 0.5];
    const targets = [...Array(200).fill(0), 1, 1, 1, 0];
    const { a, b } = fitPlatt({ margins, targets });
    const at = (m: number) => 1 / (1 + Math.exp(-(a * m + b)));
    expect(at(2)).toBeGreaterThan(0.5);
    expect(at(-2)).toBeLessThan(0.5);
  });
});

describe("thresholdForFpr", () => {
  it("lets at most the target share of benign scores reach the threshold", () => {
    const benign = Array.from({ length: 100 }, (_, i) => i / 100);
    const threshold = thresholdForFpr({ benignScores: benign, targetFpr: 0.05 });
    expect(benign.filter((s) => s >= threshold).length).toBeLessThanOrEqual(5);
    expect(benign.filter((s) => s >= threshold - 0.011).length).toBeGreaterThan(5);
  });
});

describe("thresholdForBenignGroups", () => {
  it("meets the FPR target in each group: our own rows bind when they score higher than the corpus's", () => {
    const corpus = Array.from({ length: 100 }, (_, i) => ({ own: false, score: i / 200 })); // 0 .. 0.495
    const own = Array.from({ length: 20 }, (_, i) => ({ own: true, score: 0.5 + i / 50 })); // 0.5 .. 0.88
    const threshold = thresholdForBenignGroups({ benign: [...corpus, ...own], targetFpr: 0.05, ownFpr: 0.05 });
    expect(threshold).toBe(thresholdForFpr({ benignScores: own.map((x) => x.score), targetFpr: 0.05 }));
    expect(own.filter((x) => x.score >= threshold).length).toBeLessThanOrEqual(1);
    const corpusOnly = thresholdForBenignGroups({ benign: corpus, targetFpr: 0.05, ownFpr: 0.05 });
    expect(corpusOnly).toBe(thresholdForFpr({ benignScores: corpus.map((x) => x.score), targetFpr: 0.05 }));
  });
});

describe("rocAuc", () => {
  it("is 1 for perfect ranking, 0.5 for ties and 0 for inverted ranking", () => {
    expect(rocAuc({ scores: [0.1, 0.2, 0.8, 0.9], targets: [0, 0, 1, 1] })).toBe(1);
    expect(rocAuc({ scores: [0.5, 0.5, 0.5, 0.5], targets: [0, 0, 1, 1] })).toBe(0.5);
    expect(rocAuc({ scores: [0.9, 0.8, 0.2, 0.1], targets: [0, 0, 1, 1] })).toBe(0);
  });
});

describe("fitPlatt on nearly separable margins", () => {
  it("stays finite and ordered when a plain Newton step would overshoot", () => {
    // Widely spread, almost separable margins: the shape on which an undamped fit once ran `a` to 5e10.
    const negatives = Array.from({ length: 3000 }, (_, i) => -40 - (i % 300) * 0.5);
    const positives = Array.from({ length: 300 }, (_, i) => 5 + (i % 30) * 3);
    const margins = [...negatives, ...positives, 6, -42];
    const targets = [...negatives.map(() => 0), ...positives.map(() => 1), 0, 1];
    const { a, b } = fitPlatt({ margins, targets });
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(100);
    const at = (m: number) => 1 / (1 + Math.exp(-(a * m + b)));
    expect(at(20)).toBeGreaterThan(0.5);
    expect(at(-60)).toBeLessThan(0.5);
  });
});
