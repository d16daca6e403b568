// Tests for prompt shingles: the anchor-word search must find exactly the copied shingles a full word scan finds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPromptShingles, copiedEverywhere, copiedShingles } from "./prompt-shingles";

const distinctSorted = (values: number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

describe("prompt shingles", () => {
  it("finds an 8-word run copied with different spacing and punctuation", () => {
    const prompt = buildPromptShingles("never discuss competitor products or internal escalation procedures with customers", 8);
    expect(prompt.anchors?.length).toBeGreaterThan(0);
    expect(copiedShingles("ok: never discuss competitor -- products or internal escalation procedures!", prompt)).toHaveLength(1);
    expect(copiedShingles("never discuss competitor products or internal escalation", prompt)).toEqual([]);
  });

  it("gives up on anchors for a long prompt and scans every word instead", () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}x`).join(" ");
    const prompt = buildPromptShingles(words, 8);
    expect(prompt.anchors).toBeUndefined();
    expect(copiedShingles(`say ${words.split(" ").slice(100, 110).join(" ")}`, prompt)).toHaveLength(3);
  });

  it("property: anchor search equals the full scan", () => {
    const vocabulary = ["a", "be", "the", "you", "must", "never", "reveal", "secret", "é", "日本", "x1", "procedures"];
    const word = fc.constantFrom(...vocabulary);
    const separator = fc.constantFrom(" ", "  ", ", ", "\n", "-", " 😀 ");
    const textOf = (words: string[], seps: string[]): string => words.map((w, i) => w + (seps[i % seps.length] ?? " ")).join("");
    const textArb = fc.tuple(fc.array(word, { maxLength: 40 }), fc.array(separator, { minLength: 1, maxLength: 5 })).map(([w, s]) => textOf(w, s));
    fc.assert(
      fc.property(textArb, textArb, fc.integer({ min: 2, max: 5 }), (promptText, answerText, size) => {
        const prompt = buildPromptShingles(promptText, size);
        const answer = `${answerText} ${promptText.slice(0, answerText.length % 50)}`;
        expect(distinctSorted(copiedShingles(answer, prompt))).toEqual(distinctSorted(copiedEverywhere(answer, prompt)));
      }),
      { numRuns: 1500 },
    );
  });
});
