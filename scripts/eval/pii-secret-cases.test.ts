// Tests for the labelled case generator and the span metrics: deterministic output, labels that point at the
// values they describe, and precision/recall arithmetic on a hand-made detector.
import { describe, expect, it } from "vitest";
import type { Detector } from "../../shared/screening/types";
import { generatePiiSecretCases, loadPresidioCases } from "./pii-secret-cases";
import { evaluateSpans } from "./span-metrics";

describe("generatePiiSecretCases", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(generatePiiSecretCases({ seed: 7, perType: 3 })).toEqual(generatePiiSecretCases({ seed: 7, perType: 3 }));
    expect(generatePiiSecretCases({ seed: 7, perType: 3 })).not.toEqual(generatePiiSecretCases({ seed: 8, perType: 3 }));
  });

  it("labels spans inside the text, with every span type covered", () => {
    const cases = generatePiiSecretCases({ perType: 2 });
    const types = new Set(cases.flatMap((c) => c.spans.map((s) => s.type)));
    expect(types.size).toBe(19);
    for (const c of cases) for (const s of c.spans) expect(s.end).toBeLessThanOrEqual(c.text.length);
    expect(cases.some((c) => c.spans.length === 0)).toBe(true);
  });

  it("maps presidio entity types onto ours and drops the rest", () => {
    const cases = loadPresidioCases({ files: ["tests/data/generated_small.json"] });
    expect(cases).toHaveLength(100);
    const types = new Set(cases.flatMap((c) => c.spans.map((s) => s.type)));
    expect([...types].every((t) => ["email", "phone", "credit_card", "ssn", "iban", "ip_address"].includes(t))).toBe(true);
    const email = cases.flatMap((c) => c.spans.filter((s) => s.type === "email").map((s) => c.text.slice(s.start, s.end)));
    expect(email.every((e) => e.includes("@"))).toBe(true);
  });
});

describe("evaluateSpans", () => {
  it("counts overlap matches per type", async () => {
    // Reports "x" wherever it appears, typed email.
    const detector: Detector = {
      id: "fake",
      categories: ["pii"],
      directions: ["input"],
      scan: (input) => [
        { detector: "fake", category: "pii", score: 1, spans: [...input.cleaned.matchAll(/x/g)].map((m) => ({ start: m.index!, end: m.index! + 1, type: "email" })) },
      ],
    };
    const result = await evaluateSpans(detector, [
      { text: "a x b", spans: [{ start: 2, end: 3, type: "email" }], source: "synthetic" },
      { text: "x", spans: [], source: "synthetic" },
      { text: "none", spans: [{ start: 0, end: 4, type: "email" }], source: "synthetic" },
    ]);
    expect(result.byType.email).toMatchObject({ support: 2, reported: 2, truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(result.byType.email.precision).toBe(0.5);
    expect(result.negativeCasesFlagged).toBe(1);
  });
});
