// stringLeaves: every string of a JSON value with its path, in key order, bounded in depth and count.
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

  it("stops at 16 levels and 512 strings", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 1000; i++) deep = [deep, `level ${i}`];
    expect(stringLeaves({ value: deep, path: [] })).toHaveLength(16);
    expect(stringLeaves({ value: Array.from({ length: 600 }, (_, i) => `s${i}`), path: [] })).toHaveLength(512);
  });
});
