// Tests for the word helpers: the indexOf-based searches must agree with the plain split-then-compare definitions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactIncludes, compactWords, hasWordSequence, wordsOf } from "./word-tokens";

function naiveHasSequence(text: string, words: readonly string[]): boolean {
  const all = wordsOf(text);
  for (let i = 0; i + words.length <= all.length; i++) if (words.every((w, k) => all[i + k] === w)) return true;
  return false;
}

const piece = fc.constantFrom("ab", "a", "b", "ba", "abc", "é", "日本", "7", " ", "  ", "-", ".", "\n", "😀", "\u0301", "_");
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));
const word = fc.constantFrom("ab", "a", "b", "ba", "abc", "é", "日本", "7", "b7", "abé");

describe("wordsOf and compactWords", () => {
  it("split on anything that is not a letter, digit or mark", () => {
    expect(wordsOf("Crypto--trading, 日本語 e\u0301! 😀x")).toEqual(["Crypto", "trading", "日本語", "e\u0301", "x"]);
    expect(compactWords("C A-N.A R\u200BY 7")).toBe("CANARY7");
  });
});

describe("hasWordSequence", () => {
  it.each([
    ["crypto trading is fun", ["crypto", "trading"], true],
    ["crypto -- trading", ["crypto", "trading"], true],
    ["cryptocurrency trading", ["crypto", "trading"], false],
    ["crypto tradings", ["crypto", "trading"], false],
    ["my crypto, trading", ["crypto", "trading"], true],
    ["crypto, then trading", ["crypto", "trading"], false],
    ["occasino casino", ["casino"], true],
    ["occasinos", ["casino"], false],
  ])("%s / %j", (haystack, words, expected) => {
    expect(hasWordSequence(haystack, words)).toBe(expected);
  });

  it("property: agrees with comparing wordsOf(text)", () => {
    fc.assert(
      fc.property(text, fc.array(word, { minLength: 1, maxLength: 3 }), (haystack, words) => {
        expect(hasWordSequence(haystack, words)).toBe(naiveHasSequence(haystack, words));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("compactIncludes", () => {
  it.each([
    ["c a n a r y 7 f", "canary7f", true],
    ["xxcanary-7f3", "canary7f3", true],
    ["canary 7", "canary8", false],
  ])("%s / %s", (haystack, needle, expected) => {
    expect(compactIncludes(haystack, needle)).toBe(expected);
  });

  it("property: agrees with compactWords(text).includes(needle)", () => {
    const needle = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(""));
    fc.assert(
      fc.property(text, needle, (haystack, n) => {
        expect(compactIncludes(haystack, n)).toBe(compactWords(haystack).includes(n));
      }),
      { numRuns: 2000 },
    );
  });
});
