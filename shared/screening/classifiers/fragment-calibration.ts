// Scores of a stream's rolling window (ScanContext.fragment): a window of an answer, cut from what came before or
// from what may still follow. The heads were calibrated on whole texts, and a stream is screened in many short
// overlapping windows, each a fresh chance to cross a threshold: under the default policy, token-sized deltas of the
// train split's benign model answers blocked 34.6% of them for toxicity, against 1.4% of the same answers sent whole.
// A window's score is therefore moved down by a margin (logit) shift fitted on those answers
// (scripts/train/fit-fragment-shift.ts): the smallest, on a 0.25 grid, at which streamed answers are blocked at most
// one point more often than whole ones (2.3% at 3). Only toxicity, the head the default policy acts on in answers, is fitted;
// docs/classifiers.md has the figures, and those of the heads a policy may turn on for answers.
import type { ClassifierLabel, ClassifierScores } from "./linear-model";

export const FRAGMENT_MARGIN_SHIFT: Partial<Record<ClassifierLabel, number>> = { toxicity: 3 };

/** `score` with its logit moved down by `shift`. */
export function shiftedScore(options: { score: number; shift: number }): number {
  const { score, shift } = options;
  if (score <= 0 || score >= 1) return score;
  return 1 / (1 + Math.exp(shift - Math.log(score / (1 - score))));
}

/** Scores of a window, each moved down by its head's shift (in place; returns the same object). */
export function fragmentScores(scores: Partial<ClassifierScores>): Partial<ClassifierScores> {
  for (const label of Object.keys(FRAGMENT_MARGIN_SHIFT) as ClassifierLabel[]) {
    const score = scores[label];
    if (score !== undefined) scores[label] = shiftedScore({ score, shift: FRAGMENT_MARGIN_SHIFT[label]! });
  }
  return scores;
}
