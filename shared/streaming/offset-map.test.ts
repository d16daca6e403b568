import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOffsetMap } from "./offset-map";

/** A citation's range in the screened text. */
function mapRange(options: { before: string; after: string; start: number; end: number }): string {
  const map = createOffsetMap(options);
  return options.after.slice(map.map(options.start, "start"), map.map(options.end, "end"));
}

describe("createOffsetMap", () => {
  const before = "Call Jane at 555-0100 or see https://example.com/docs for the guide.";
  const after = "Call Jane at [REDACTED] or see https://example.com/docs for the guide.";

  it("moves a range after a redaction by the change in length", () => {
    const start = before.indexOf("https://");
    const end = start + "https://example.com/docs".length;
    expect(mapRange({ before, after, start, end })).toBe("https://example.com/docs");
  });

  it("keeps a range before the change where it was, and stretches one around it over the marker", () => {
    expect(mapRange({ before, after, start: 0, end: 9 })).toBe("Call Jane");
    expect(mapRange({ before, after, start: 5, end: before.indexOf(" or") })).toBe("Jane at [REDACTED]");
    // A range that starts or ends inside the redacted span covers the whole marker, never half of it.
    expect(mapRange({ before, after, start: before.indexOf("0100"), end: before.length })).toBe("[REDACTED] or see https://example.com/docs for the guide.");
    expect(mapRange({ before, after, start: 0, end: before.indexOf("-0100") })).toBe("Call Jane at [REDACTED]");
  });

  it("follows restored placeholders that lengthen the text, several of them", () => {
    const placeholders = "Mail [EMAIL_1] and [EMAIL_2] about [the report](https://example.com/r).";
    const restored = "Mail jane.doe@example.org and bob@example.net about [the report](https://example.com/r).";
    const start = placeholders.indexOf("[the report]");
    expect(mapRange({ before: placeholders, after: restored, start, end: placeholders.length - 1 })).toBe("[the report](https://example.com/r)");
  });

  it("maps the ends of the text to the ends of the text, and clamps offsets outside it", () => {
    const map = createOffsetMap({ before, after });
    expect(map.map(0, "start")).toBe(0);
    expect(map.map(before.length, "end")).toBe(after.length);
    expect(map.map(before.length, "start")).toBe(after.length);
    expect(map.map(-5, "start")).toBe(0);
    expect(map.map(before.length + 40, "end")).toBe(after.length);
  });

  it("an unchanged text maps every offset to itself", () => {
    const map = createOffsetMap({ before, after: before });
    for (const offset of [0, 7, 30, before.length]) expect(map.map(offset, "start")).toBe(offset);
  });

  it("texts too different to align still map their common start and end exactly and stay in bounds", () => {
    const a = `head ${"x".repeat(3_000)} tail`;
    const b = `head ${"y".repeat(2_000)} tail`;
    const map = createOffsetMap({ before: a, after: b });
    expect(map.map(2, "start")).toBe(2);
    expect(b.slice(map.map(a.length - 4, "start"), map.map(a.length, "end"))).toBe("tail");
    const middle = map.map(1_500, "start");
    expect(middle).toBeGreaterThanOrEqual(5);
    expect(middle).toBeLessThanOrEqual(b.length - 5);
  });

  it("aligns a long natural answer with many redactions exactly, and gives up on one that repeats itself", () => {
    const words = ["alpha", "river", "stone", "mountain", "quick", "report", "growth", "hiring", "plan", "release", "blue", "seven"];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const build = (prose: () => string) => {
      let before = "";
      let after = "";
      for (let i = 0; i < 17; i++) {
        const text = prose();
        before += `${text}jane.doe@example.org `;
        after += `${text}[EMAIL_1] `;
      }
      return { before, after };
    };
    // ~130 KB each, 17 e-mails redacted.
    const natural = build(() => Array.from({ length: 1_300 }, () => words[Math.floor(next() * words.length)]).join(" ") + " ");
    const middle = natural.before.indexOf("jane", natural.before.length / 2) - 40;
    expect(mapRange({ ...natural, start: middle, end: middle + 30 })).toBe(natural.before.slice(middle, middle + 30));
    // One sentence over and over: every diagonal matches at length, past the comparison budget, so only the common
    // start maps exactly and the rest is one replaced gap.
    const periodic = build(() => "The quick brown fox jumps over the lazy dog. ".repeat(170));
    const map = createOffsetMap(periodic);
    expect(map.map(10, "start")).toBe(10);
    expect(map.map(periodic.before.length / 2, "start")).toBe(periodic.before.indexOf("jane"));
  });

  it("property: any range of untouched prose maps to the same prose, whatever was replaced around it", () => {
    // Prose is lower-case, replaced spans are digits, their replacements upper-case: the alignment is unambiguous.
    // Prose separates the edits (two edits side by side are one gap, with no "between" to map).
    const prose = fc.stringMatching(/^[a-z ]{1,12}$/);
    const replaced = fc.record({ removed: fc.stringMatching(/^[0-9]{0,8}$/), inserted: fc.stringMatching(/^[A-Z[\]_]{0,12}$/) });
    fc.assert(
      fc.property(fc.array(fc.tuple(prose, replaced), { minLength: 1, maxLength: 8 }), prose, fc.nat(), fc.nat(), (pieces, tail, i, j) => {
        let before = "";
        let after = "";
        const untouched: Array<{ start: number; end: number }> = [];
        for (const [text, edit] of pieces) {
          untouched.push({ start: before.length, end: before.length + text.length });
          before += text + edit.removed;
          after += text + edit.inserted;
        }
        untouched.push({ start: before.length, end: before.length + tail.length });
        before += tail;
        after += tail;
        const piece = untouched[i % untouched.length];
        const width = piece.end - piece.start;
        const start = piece.start + (width === 0 ? 0 : j % width);
        const end = start + (width === 0 ? 0 : (i + j) % (piece.end - start + 1));
        expect(mapRange({ before, after, start, end })).toBe(before.slice(start, end));
      }),
      { numRuns: 300 },
    );
  });
});
