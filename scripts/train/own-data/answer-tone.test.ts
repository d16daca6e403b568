import { describe, expect, it } from "vitest";
import { createRandom } from "../seeded-random";
import { HELD_OUT_SUFFIX } from "../training-rows";
import { answerToneFamilies } from "./answer-tone";

describe("answer-tone families (v16)", () => {
  const families = answerToneFamilies();
  const rowsOf = (file: string) => {
    const family = families.find((f) => f.file === file)!;
    const random = createRandom(3);
    return Array.from({ length: 2000 }, () => family.make(random) as string);
  };

  it("write benign and toxic rows, each with a held-out file training never reads", () => {
    expect(families.map((family) => `${family.file} ${family.labels.join()}`)).toEqual([
      "benign-answers.jsonl ", `benign-answers${HELD_OUT_SUFFIX} `,
      "toxic-answers.jsonl toxicity", `toxic-answers${HELD_OUT_SUFFIX} toxicity`,
    ]);
  });

  it("fill every slot, once per text, with the article the next word needs", () => {
    for (const family of families) {
      for (const text of rowsOf(family.file)) {
        expect(text).not.toMatch(/[{}]/);
        expect(text).not.toMatch(/\ba [aeiou]/i);
        expect(text).not.toMatch(/\ban [^aeiou\s]/i);
      }
    }
    // A slot named twice reads the same: "Feeling {feeling} does not mean you are {feeling}".
    const twice = rowsOf("benign-answers.jsonl").map((text) => /Feeling (.+?) does not mean you are (.+?);/.exec(text)).filter((m) => m !== null);
    expect(twice.length).toBeGreaterThan(0);
    for (const match of twice) expect(match![2]).toBe(match![1]);
  });

  it("keep the held-out templates and fillers out of the trained rows", () => {
    const trained = [...rowsOf("benign-answers.jsonl"), ...rowsOf("toxic-answers.jsonl")].join("\n");
    const heldOut = [...rowsOf(`benign-answers${HELD_OUT_SUFFIX}`), ...rowsOf(`toxic-answers${HELD_OUT_SUFFIX}`)].join("\n");
    // Held-out sentences, templates and fillers: in the held-out rows, never in the trained ones.
    for (const phrase of ["Beat the butter and sugar", "Even a child knows that", "nothing but", "annihilated", "numbskull", "Black people", "through the night"]) {
      expect(heldOut, phrase).toContain(phrase);
      expect(trained, phrase).not.toContain(phrase);
    }
  });
});
