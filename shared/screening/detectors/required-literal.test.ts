// Tests for requiredLiterals: each literal it returns must occur in every match, and it gives up when unsure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requiredLiterals } from "./required-literal";

describe("requiredLiterals", () => {
  it.each([
    ["\\bbet(?:ting)?\\s+odds\\b", ["bet", "odd"]],
    ["\\bWeapon\\s+plans\\b", ["weapon", "plan"]],
    ["credit\\s+card number", ["credit", "card number"]],
    ["bets?", ["bet"]],
    ["ab{2,3}cdef", ["cdef"]],
    ["[xyz]+ polar bear", [" polar bear"]],
    ["\\d{3}-acme-internal", ["-acme-internal"]],
    ["\\bxy\\b", []],
    ["kiss", []],
  ])("%s → %j", (source, literals) => {
    expect(requiredLiterals(source)).toEqual(literals);
  });

  it.each([
    ["a top-level alternation", "casino|poker"],
    ["an unclosed group", "(abc"],
    ["digits of a quantifier", "x{123}"],
    ["a unicode escape", "\\u0041bcd"],
    ["a property escape", "\\p{Lu}abcd"],
    ["digits of a group quantifier", "(?:ab){100,200}?"],
  ])("gives up on %s", (_name, source) => {
    expect(requiredLiterals(source)).toEqual([]);
  });

  it("property: every match of the pattern contains each literal, ignoring case", () => {
    const atom = fc.constantFrom("a", "b", "c", "ab", "x", " ", "(?:ca|b)", "[ab]", "\\s", "\\d", "d?", "e*", "f+", "g{1,2}", ".", "\\b", "(?=a)", "h", "x{111}", "(?:a){222}", "[b]{333,}", "\\x61bc", "\\u0061bc");
    const sourceArb = fc.array(atom, { minLength: 1, maxLength: 8 }).map((atoms) => atoms.join(""));
    const textArb = fc.array(fc.constantFrom("aaa", "a", "b", "c", "x", " ", "1", "d", "e", "f", "g", "h", "A", "B", "C"), { maxLength: 20 }).map((p) => p.join(""));
    fc.assert(
      fc.property(sourceArb, textArb, (source, text) => {
        const match = new RegExp(source, "iu").exec(text);
        if (!match) return;
        for (const literal of requiredLiterals(source)) expect(match[0].toLowerCase()).toContain(literal);
      }),
      { numRuns: 3000 },
    );
  });
});
