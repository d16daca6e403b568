// Scores of a stream's rolling window (ScanContext.fragment): a window of an answer, cut from what came before or
// from what may still follow. The heads were calibrated on whole texts, and a stream is screened in many short
// overlapping windows, each a fresh chance to cross a threshold: under the default policy, token-sized deltas of the
// train split's benign model answers blocked 34.6% of them for toxicity, against 1.4% of the same answers sent whole.
// A window's score is therefore moved down by a margin (logit) shift fitted on those answers, head by head
// (scripts/train/fit-fragment-shift.ts): the smallest, on a 0.25 grid, at which streamed answers are blocked at most
// one point more often than whole ones (toxicity, v3.6: 1.6% at 3.5, against 0.9% whole). The heads a policy may turn
// on for answers get theirs by the same rule: jailbreak 2.25 (22.2% of benign streams stopped unshifted), and
// prompt_injection and harmful_request large ones (their benign windows score far over), which leave those two only
// very confident windows to stop a stream on; buffer mode screens the whole answer instead (docs/classifiers.md).
// The same fragments serve a whole answer: scored whole, a toxic sentence is diluted by the answer around it (54.5% of
// the train split's toxic texts put inside benign answers were caught), so an answer's toxicity is also its best
// window's, scored as a fragment: windows of ANSWER_WINDOW_CHARS, the smallest (96 to 192, half-overlapping) at which
// no more benign answers are blocked than whole (80.1% caught; fit-fragment-shift.ts fits it too).
import { sigmoid, type ClassifierLabel, type ClassifierScores } from "./linear-model";

export const FRAGMENT_MARGIN_SHIFT: Readonly<Record<ClassifierLabel, number>> = {
  prompt_injection: 6.75,
  jailbreak: 2.25,
  harmful_request: 6.25,
  toxicity: 3.5,
};
export const ANSWER_WINDOW_CHARS = 128;

/**
 * A long text's windows of at most `size` characters, starting every half window, each moved in to spaces so no word
 * is split where the window has one (a text no longer than one window has none). The searches stay inside the window,
 * so a text without spaces costs no more than one with them.
 */
export function answerWindows(options: { text: string; size: number }): string[] {
  const { text, size } = options;
  if (text.length <= size) return [];
  const windows: string[] = [];
  for (let from = 0; ; from += size >> 1) {
    const limit = Math.min(text.length, from + size);
    let start = from;
    if (from > 0 && text.charCodeAt(from - 1) !== SPACE) {
      while (start < limit && text.charCodeAt(start) !== SPACE) start++;
      start = start < limit ? start + 1 : from;
    }
    let end = limit;
    if (end < text.length && text.charCodeAt(end) !== SPACE) {
      while (end > start && text.charCodeAt(end) !== SPACE) end--;
      if (end <= start) end = limit;
    }
    windows.push(text.slice(start, end));
    if (limit === text.length) return windows;
  }
}

const SPACE = 32;

/** `score` with its logit moved down by `shift`. */
export function shiftedScore(options: { score: number; shift: number }): number {
  const { score, shift } = options;
  if (score <= 0 || score >= 1) return score;
  return sigmoid(Math.log(score / (1 - score)) - shift);
}

/** Scores of a window, each moved down by its head's shift (in place; returns the same object). */
export function fragmentScores(scores: Partial<ClassifierScores>): Partial<ClassifierScores> {
  for (const label of Object.keys(FRAGMENT_MARGIN_SHIFT) as ClassifierLabel[]) {
    const score = scores[label];
    if (score !== undefined) scores[label] = shiftedScore({ score, shift: FRAGMENT_MARGIN_SHIFT[label] });
  }
  return scores;
}
