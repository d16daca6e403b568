// estimateTextTokens counts by index; it must agree with the code-point rule it replaced on every kind of text.
// estimateJsonTokens counts a JSON value without serialising it; it must agree with the text rule on its JSON.
import { describe, expect, it } from "vitest";
import { CHARS_PER_TOKEN, estimateConversationTokens, estimateJsonTokens, estimatePromptTokens, estimateTextTokens } from "./estimate-tokens";

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

describe("estimateJsonTokens", () => {
  const conversation = [
    { role: "system", content: "You are the travel desk of Northwind. Réponds en français si on te parle français." },
    { role: "user", content: [{ type: "text", text: "Which trains go to Bergen? 我想去卑尔根 👍" }, { type: "image_url", image_url: { url: "https://x.example/a.png" } }] },
    { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "search", arguments: "{}" } }] },
    { role: "tool", tool_call_id: "c1", content: "", extra: [1, 2.5, true, false, null, [], {}] },
  ];

  it("is what the text rule gives on the value's JSON, for text JSON writes without escapes", () => {
    expect(estimateJsonTokens(conversation)).toBe(estimateTextTokens(JSON.stringify(conversation)));
    // Tokens round ASCII up to fours, so each value is also tried after padding of 0–3 characters: a count off by
    // even one unit then shows in one of them.
    for (const value of ["", "plain", [], {}, [[]], { a: {} }, 0, -12.75, true, null, ["a", { b: ["c", 1] }], conversation]) {
      for (let pad = 0; pad < 4; pad++) {
        const padded = ["x".repeat(pad), value];
        expect(estimateJsonTokens(padded), JSON.stringify(padded)).toBe(estimateTextTokens(JSON.stringify(padded)));
      }
    }
  });

  it("agrees on random conversations of escape-free text, and is never above the JSON's count with escapes", () => {
    const pool = ["a", " ", "é", "中", "👍", "Z", "9", ".", "\n", '"', "\ud83d"];
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = (escapes: boolean) => Array.from({ length: Math.floor(next() * 40) }, () => pool[Math.floor(next() * (escapes ? pool.length : 7))]).join("");
    for (let run = 0; run < 200; run++) {
      const escapes = run % 2 === 1;
      const value = Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({ role: text(false), content: [{ type: "text", text: text(escapes) }], n: Math.floor(next() * 100) }));
      const fromJson = estimateTextTokens(JSON.stringify(value));
      if (escapes) expect(estimateJsonTokens(value)).toBeLessThanOrEqual(fromJson);
      else expect(estimateJsonTokens(value)).toBe(fromJson);
    }
  });

  it("charges a conversation as one message with the request's framing, as the rate-limit stage did", () => {
    expect(estimateConversationTokens(conversation)).toBe(estimatePromptTokens(JSON.stringify(conversation)));
  });
});
