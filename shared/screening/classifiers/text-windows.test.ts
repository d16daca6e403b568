// Windows over long texts: none for short texts, full coverage with overlap, edges on line/sentence breaks when one
// is near, and a hard bound on the count (so cost stays linear in the text length).
import { describe, expect, it } from "vitest";
import { DEFAULT_WINDOW_OPTIONS, textWindows, type TextWindow } from "./text-windows";

const sentence = (i: number) => `Sentence number ${i} talks about the quarterly budget and the launch plan. `;
const prose = (count: number) => Array.from({ length: count }, (_, i) => sentence(i)).join("");

function coverage(text: string, windows: TextWindow[]): boolean {
  const covered = new Uint8Array(text.length);
  for (const w of windows) covered.fill(1, w.start, w.end);
  return covered.every((c) => c === 1);
}

describe("textWindows", () => {
  it("gives no windows at or under minChars", () => {
    expect(textWindows("x".repeat(DEFAULT_WINDOW_OPTIONS.minChars))).toEqual([]);
    expect(textWindows("Bonjour Claude")).toEqual([]);
  });

  it("covers a long text with overlapping, increasing windows of about the nominal size", () => {
    const text = prose(30);
    const windows = textWindows(text);
    expect(windows.length).toBeGreaterThan(3);
    expect(coverage(text, windows)).toBe(true);
    for (let k = 1; k < windows.length; k++) {
      expect(windows[k].start).toBeGreaterThan(windows[k - 1].start);
      expect(windows[k].start).toBeLessThan(windows[k - 1].end); // overlap: a planted sentence is never cut in two everywhere
    }
    const { windowChars, slackChars } = DEFAULT_WINDOW_OPTIONS;
    for (const w of windows) expect(w.end - w.start).toBeLessThanOrEqual(windowChars + slackChars);
  });

  it("starts windows on sentence or line breaks when one is within the slack", () => {
    // Breaks every ~40 units, closer than the 60-unit slack: every window after the first must start on one.
    const text = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `Line ${i} of the invoice\n` : `Item ${i} costs ten euros. `)).join("");
    for (const w of textWindows(text).slice(1)) {
      const before = text.slice(Math.max(0, w.start - 2), w.start);
      expect(before === ". " || before.endsWith("\n")).toBe(true);
    }
  });

  it("still windows text with no breaks at all (cuts mid-word rather than skipping)", () => {
    const text = "a".repeat(2000);
    const windows = textWindows(text);
    expect(coverage(text, windows)).toBe(true);
  });

  it("never exceeds maxWindows, however long the text, and still covers all of it", () => {
    const text = prose(3000); // ~225k characters
    const windows = textWindows(text);
    expect(windows.length).toBeLessThanOrEqual(DEFAULT_WINDOW_OPTIONS.maxWindows);
    expect(coverage(text, windows)).toBe(true);
    const total = windows.reduce((sum, w) => sum + (w.end - w.start), 0);
    expect(total).toBeLessThan(text.length * 1.6); // linear: overlap bounded, not quadratic
  });

  it("honours custom options", () => {
    const text = prose(10);
    const windows = textWindows(text, { minChars: 100, windowChars: 200, strideChars: 150, maxWindows: 10, slackChars: 0 });
    expect(windows.length).toBeLessThanOrEqual(10);
    expect(coverage(text, windows)).toBe(true);
    expect(windows[0]).toEqual({ start: 0, end: 200 });
    expect(windows[1].start).toBe(150);
  });

  it("grows the stride and the window (not the count) when maxWindows binds", () => {
    const text = prose(10);
    const windows = textWindows(text, { minChars: 100, windowChars: 200, strideChars: 150, maxWindows: 3, slackChars: 0 });
    expect(windows.length).toBe(3);
    expect(windows[0].end - windows[0].start).toBeGreaterThan(200);
    expect(coverage(text, windows)).toBe(true);
  });
});
