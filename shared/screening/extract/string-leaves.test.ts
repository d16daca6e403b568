// stringLeaves: every string of a JSON value with its path, in key order, however deep or many.
import { describe, expect, it } from "vitest";
import { stringLeaves } from "./string-leaves";

describe("stringLeaves", () => {
  it("finds strings at any depth with their paths, skipping numbers, booleans and nulls", () => {
    const value = { to: "ann", cc: ["bob", { name: "carl", age: 3 }], urgent: true, note: null };
    expect(stringLeaves({ value, path: ["input"] })).toEqual([
      { text: "ann", path: ["input", "to"] },
      { text: "bob", path: ["input", "cc", 0] },
      { text: "carl", path: ["input", "cc", 1, "name"] },
    ]);
  });

  it("leaves none out, at the deepest nesting a body may have or past hundreds of strings", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 63; i++) deep = [deep, `level ${i}`];
    const leaves = stringLeaves({ value: deep, path: [] });
    expect(leaves).toHaveLength(64);
    expect(leaves[0]).toEqual({ text: "bottom", path: Array(63).fill(0) });
    expect(stringLeaves({ value: Array.from({ length: 5000 }, (_, i) => `s${i}`), path: [] })).toHaveLength(5000);
  });
});
