// Each head's fragment shift and the answer windows' size equal what the fit on the train split gives; windows and
// shift behave.
import { describe, expect, it } from "vitest";
import { ANSWER_WINDOW_CHARS, answerWindows, FRAGMENT_MARGIN_SHIFT, shiftedScore } from "../../shared/screening/classifiers/fragment-calibration";
import { CLASSIFIER_LABELS } from "../../shared/screening/classifiers/linear-model";
import { fitFragmentShift } from "./fit-fragment-shift";
import { streamWindows } from "./stream-windows";

describe("the stream-window margin shift", () => {
  it("is, head by head, the one the fit on the train split's benign answers gives, and holds streamed blocks near whole ones", async () => {
    const fit = await fitFragmentShift();
    for (const label of CLASSIFIER_LABELS) {
      const head = fit.heads[label];
      expect(head.shift, label).toBe(FRAGMENT_MARGIN_SHIFT[label]);
      expect(head.streamedRate, label).toBeLessThanOrEqual(head.wholeRate + 0.01);
    }
    expect(fit.heads.toxicity.streamedRateUnshifted).toBeGreaterThan(0.2);
    expect(fit.answerWindowChars).toBe(ANSWER_WINDOW_CHARS);
    expect(fit.wholeRateWithWindows).toBeLessThanOrEqual(fit.heads.toxicity.wholeRate);
  }, 120_000);

  it("flags every window but a whole answer's last one as a fragment", async () => {
    const text = "A short answer about gardening: water the roses in the morning, and prune them in early spring.";
    const windows = await streamWindows({ text, seed: 1 });
    expect(windows.length).toBeGreaterThan(1);
    expect(windows.at(-1)).toEqual({ text, fragment: false });
    expect(windows.slice(0, -1).every((window) => window.fragment)).toBe(true);
    // A longer answer's last window keeps only some released text before the tail: cut, so a fragment too.
    const longer = `${text} ${text} ${text}`;
    const last = (await streamWindows({ text: longer, seed: 1 })).at(-1)!;
    expect(longer.endsWith(last.text) && last.text.length < longer.length).toBe(true);
    expect(last.fragment).toBe(true);
  });

  it("moves a score's logit down, leaving 0 and 1 alone", () => {
    expect(shiftedScore({ score: 0.5, shift: 3 })).toBeCloseTo(1 / (1 + Math.exp(3)), 12);
    expect(shiftedScore({ score: 0.9, shift: 0 })).toBeCloseTo(0.9, 12);
    expect(shiftedScore({ score: 1, shift: 3 })).toBe(1);
    expect(shiftedScore({ score: 0, shift: 3 })).toBe(0);
  });

  it("cuts an answer into half-overlapping windows at spaces, none for a short one", () => {
    const text = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const windows = answerWindows({ text, size: 64 });
    expect(answerWindows({ text: text.slice(0, 64), size: 64 })).toEqual([]);
    expect(windows.length).toBeGreaterThan(6);
    for (const window of windows) {
      expect(window.length).toBeLessThanOrEqual(64);
      expect(text).toContain(window);
      expect(window).toMatch(/^word\d+( word\d+)*$/);
    }
    expect(windows[0].startsWith("word0 ")).toBe(true);
    expect(text.endsWith(windows.at(-1)!)).toBe(true);
    // Every word is in some window whole.
    for (const word of text.split(" ")) expect(windows.some((window) => window.split(" ").includes(word))).toBe(true);
    // A text without spaces (CJK, an encoded blob) is cut every half window.
    const unbroken = "x".repeat(200_000);
    const pieces = answerWindows({ text: unbroken, size: 128 });
    expect(pieces).toHaveLength(Math.ceil((200_000 - 128) / 64) + 1);
    expect(pieces.every((piece) => piece.length === 128 || piece === pieces.at(-1))).toBe(true);
  });
});
