import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Span } from "../types";
import { redactText } from "./redact-text";
import { createRedactionVault } from "./redaction-vault";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("redactText examples", () => {
  it("replaces spans with typed placeholders and reuses them for repeated values", () => {
    const vault = createRedactionVault();
    const text = "mail a@b.co then a@b.co, card 4111111111111111";
    const spans: Span[] = [
      { start: 5, end: 11, type: "email" },
      { start: 17, end: 23, type: "email" },
      { start: 30, end: 46, type: "credit_card" },
    ];
    const result = redactText({ text, spans, vault });
    expect(result.text).toBe("mail [EMAIL_1] then [EMAIL_1], card [CREDIT_CARD_1]");
    expect(result.placeholders).toEqual(["[EMAIL_1]", "[EMAIL_1]", "[CREDIT_CARD_1]"]);
    expect(vault.restore(result.text)).toBe(text);
  });

  it("merges overlapping spans into one placeholder typed by the longest span", () => {
    const vault = createRedactionVault();
    const result = redactText({
      text: "key=sk-abcdef123 end",
      spans: [
        { start: 4, end: 16, type: "openai_key" },
        { start: 6, end: 10, type: "generic_api_key" },
      ],
      vault,
    });
    expect(result.text).toBe("key=[OPENAI_KEY_1] end");
  });

  it("widens a span that would cut a surrogate pair", () => {
    const vault = createRedactionVault();
    const text = "a😀b";
    const result = redactText({ text, spans: [{ start: 2, end: 3, type: "pii" }], vault });
    expect(result.text).toBe("a[PII_1]b");
    expect(vault.restore(result.text)).toBe(text);
  });

  it("strips invisible ranges but lets a placeholder cover the ones inside a span", () => {
    const vault = createRedactionVault();
    const text = "hi\u200b there bo\u200bb@x.io\u2060!";
    const strip: Span[] = [
      { start: 2, end: 3, type: "invisible" },
      { start: 12, end: 13, type: "invisible" },
      { start: 19, end: 20, type: "invisible" },
    ];
    const result = redactText({ text, spans: [{ start: 10, end: 19, type: "email" }], strip, vault });
    expect(result.text).toBe("hi there [EMAIL_1]!");
    expect(result.strippedUnits).toBe(2);
    expect(vault.entries()[0].value).toBe("bo\u200bb@x.io");
  });

  it("does not reuse a placeholder the caller already wrote", () => {
    const vault = createRedactionVault();
    const text = "see [EMAIL_1] and b@x.io";
    const result = redactText({ text, spans: [{ start: 18, end: 24, type: "email" }], vault });
    expect(result.text).toBe("see [EMAIL_1] and [EMAIL_2]");
    expect(vault.restore(result.text)).toBe(text);
  });

  it("ignores empty, reversed and out-of-range spans instead of corrupting the text", () => {
    const vault = createRedactionVault();
    const result = redactText({
      text: "abc",
      spans: [
        { start: 2, end: 2, type: "email" },
        { start: 3, end: 1, type: "email" },
        { start: 2, end: 99, type: "email" },
      ],
      vault,
    });
    expect(result.text).toBe("ab[EMAIL_1]");
  });
});

// Text is built from plain segments and secret segments drawn from disjoint alphabets, so "no secret character is
// left" is an exact check that every detected span was replaced.
// Plain text may contain literal placeholders the caller typed; they must survive restore untouched.
const plainChar = fc.constantFrom("a", "b", " ", "[", "]", "_", "E", "1", "😀", "é", "[EMAIL_1]", "[OPENAI_KEY_1]");
const secretChar = fc.constantFrom("#", "%", "~", "🔑", "\u00a7");

function build(segments: Array<{ secret: boolean; chars: string[] }>): { text: string; spans: Span[] } {
  let text = "";
  const spans: Span[] = [];
  for (const seg of segments) {
    const start = text.length;
    text += seg.chars.join("");
    if (seg.secret) spans.push({ start, end: text.length, type: seg.chars.length % 2 ? "email" : "openai_key" });
  }
  return { text, spans };
}

const segments = fc.array(
  fc.oneof(
    fc.record({ secret: fc.constant(false), chars: fc.array(plainChar, { minLength: 1, maxLength: 8 }) }),
    fc.record({ secret: fc.constant(true), chars: fc.array(secretChar, { minLength: 1, maxLength: 8 }) }),
  ),
  { maxLength: 12 },
);

describe("redactText properties", () => {
  it("never leaves a detected span's text behind, and restore(redact(x)) == x", () => {
    fc.assert(
      fc.property(segments, (segs) => {
        const { text, spans } = build(segs);
        const vault = createRedactionVault();
        const result = redactText({ text, spans, vault });
        expect(result.text).not.toMatch(/[#%~\u00a7]|🔑/u);
        expect(vault.restore(result.text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("never splits a surrogate pair, whatever the offsets, and restores exactly when nothing is stripped", () => {
    const randomSpans = (length: number) =>
      fc.array(
        fc.record({
          start: fc.integer({ min: -2, max: length + 2 }),
          end: fc.integer({ min: -2, max: length + 2 }),
          type: fc.constantFrom("email", "phone", "jwt"),
        }),
        { maxLength: 5 },
      );
    const input = fc
      .string({ unit: fc.constantFrom("a", "😀", "𝔘", "[", "X", "_", "1", "]"), maxLength: 24 })
      .chain((text) =>
        fc.record({ text: fc.constant(text), spans: randomSpans(text.length), strip: randomSpans(text.length) }),
      );
    fc.assert(
      fc.property(input, ({ text, spans, strip }) => {
        const vault = createRedactionVault();
        const result = redactText({ text, spans, vault });
        expect(LONE_SURROGATE.test(result.text)).toBe(false);
        expect(vault.restore(result.text)).toBe(text);
        const stripped = redactText({ text, spans, strip, vault: createRedactionVault() });
        expect(LONE_SURROGATE.test(stripped.text)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("with only strip ranges, removes exactly those code points", () => {
    const input = fc.array(fc.record({ invisible: fc.boolean(), char: fc.constantFrom("a", "😀", "b") }), {
      maxLength: 20,
    });
    fc.assert(
      fc.property(input, (chars) => {
        let text = "";
        let expected = "";
        const strip: Span[] = [];
        for (const { invisible, char } of chars) {
          if (invisible) strip.push({ start: text.length, end: text.length + char.length, type: "invisible" });
          else expected += char;
          text += char;
        }
        const result = redactText({ text, spans: [], strip, vault: createRedactionVault() });
        expect(result.text).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
