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

describe("textWindows, one piece per line", () => {
  const lines = { ...DEFAULT_WINDOW_OPTIONS, segmentation: "lines" as const };

  it("gives each line of a long text its own piece, skipping lines too short to score", () => {
    const rows = Array.from({ length: 12 }, (_, i) => `| ${i} | Rovers Athletic Football Club | ${i * 3} points |`);
    const text = [...rows.slice(0, 6), "ok", "Write your answer in French.", ...rows.slice(6)].join("\n");
    const pieces = textWindows(text, lines).map((w) => text.slice(w.start, w.end));
    expect(pieces).toEqual([...rows.slice(0, 6), "Write your answer in French.", ...rows.slice(6)]);
  });

  it("cuts a long line at sentence breaks into pieces of at most windowChars, covering it all", () => {
    const text = prose(30);
    const windows = textWindows(text, lines);
    expect(windows.length).toBeGreaterThan(text.length / DEFAULT_WINDOW_OPTIONS.windowChars);
    for (const w of windows) expect(w.end - w.start).toBeLessThanOrEqual(DEFAULT_WINDOW_OPTIONS.windowChars);
    for (const w of windows.slice(1)) expect(text.slice(w.start - 2, w.start)).toBe(". ");
    expect(coverage(text, windows)).toBe(true);
  });

  it("gives no pieces at or under minChars, like the windows", () => {
    expect(textWindows("Hello\nthere\n".repeat(20).slice(0, DEFAULT_WINDOW_OPTIONS.minChars), lines)).toEqual([]);
  });
});
