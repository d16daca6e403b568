import { describe, expect, it } from "vitest";
import { createRandom } from "../seeded-random";
import { HELD_OUT_SUFFIX } from "../training-rows";
import { harmfulPairFamilies } from "./harmful-pairs";

describe("harmful pairs (evaluation only)", () => {
  const families = harmfulPairFamilies();

  it("write only held-out files, which training never reads", () => {
    expect(families.map((family) => family.file.endsWith(HELD_OUT_SUFFIX))).toEqual(families.map(() => true));
  });

  it("fill every request shape with a goal", () => {
    const random = createRandom(1);
    for (const family of families) {
      for (let i = 0; i < 50; i++) {
        const text = family.make(random) as string;
        expect(text).not.toMatch(/\{goal\}/);
        expect(text.length).toBeGreaterThan(15);
      }
    }
  });
});
