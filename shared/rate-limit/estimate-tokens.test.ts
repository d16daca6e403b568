// estimateTextTokens counts by index; it must agree with the code-point rule it replaced on every kind of text.
import { describe, expect, it } from "vitest";
import { CHARS_PER_TOKEN, estimateTextTokens } from "./estimate-tokens";

/** The original definition: iterate code points, ASCII at 1/4 token, anything else 1 token. */
function reference(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) ascii++;
    else other++;
  }
  return Math.ceil(ascii / CHARS_PER_TOKEN) + other;
}

describe("estimateTextTokens", () => {
  it.each([
    ["empty", ""],
    ["ascii", "The quarterly report covers revenue growth."],
    ["accented", "café déjà vu, naïve façade"],
    ["cjk", "这是一个测试，日本語のテキスト"],
    ["emoji pairs", "ok 👍🏽 fine 🎉🎉"],
    ["lone high surrogate at end", "abc\ud83d"],
    ["lone low surrogate", "a\ude00b"],
    ["reversed pair", "\ude00\ud83d"],
    ["high then ascii", "\ud83dx"],
  ])("matches the code-point rule: %s", (_name, text) => {
    expect(estimateTextTokens(text)).toBe(reference(text));
  });

  it("counts a surrogate pair as one token and ASCII at four characters per token", () => {
    expect(estimateTextTokens("👍")).toBe(1);
    expect(estimateTextTokens("abcdefgh")).toBe(2);
    expect(estimateTextTokens("abcde")).toBe(2);
  });

  it("matches on random mixes of ASCII, BMP and astral characters and stray surrogates", () => {
    const pool = ["a", " ", "é", "中", "👍", "\ud83d", "\ude00", "\n", "z"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: Math.floor(next() * 40) }, () => pool[Math.floor(next() * pool.length)]).join("");
      expect(estimateTextTokens(text)).toBe(reference(text));
    }
  });
});
