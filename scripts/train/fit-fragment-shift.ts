// Fits the toxicity head's margin shift for stream windows (shared/screening/classifiers/fragment-calibration.ts) on
// the train split's benign model answers: each streamed in token deltas through the real stream engine with three
// tokenizations, an answer counts as blocked when its whole text or any window, shifted, reaches the recommended
// threshold. The shift is the smallest on a 0.25 grid at which streamed answers are blocked at most one point more
// often than the same answers sent whole. Then the answer windows' size: the smallest of ANSWER_WINDOW_SIZES at which
// an answer's best window, shifted, blocks no more of those answers sent whole than their whole texts do.
// `npx tsx scripts/train/fit-fragment-shift.ts` prints the fit; fit-fragment-shift.test.ts keeps the shipped values
// equal to it. The test split is never read here.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { classifyInput, classifyLabels, RECOMMENDED_THRESHOLDS } from "../../shared/screening/classifiers/classifier-detector";
import { answerWindows } from "../../shared/screening/classifiers/fragment-calibration";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import { STREAM_SEEDS, streamWindows } from "./stream-windows";
import { CORPUS_DIR, readJsonl } from "./training-rows";

const GRID_STEP = 0.25;
const ANSWER_WINDOW_SIZES = [96, 128, 160, 192] as const;
const MAX_SHIFT = 8;
/** How much more often, in points, streamed answers may be blocked than whole ones. */
const ALLOWED_EXCESS = 0.01;

const logit = (p: number): number => {
  const clamped = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(clamped / (1 - clamped));
};
const toxicityLogit = (text: string): number => logit(classifyInput(prepareScanInput(text), ["toxicity"]).toxicity ?? 0);

/** One streamed answer: its whole text's toxicity logit, and the highest of its fragment windows'. */
interface StreamedAnswer {
  whole: number;
  bestFragment: number;
}

export interface FragmentShiftFit {
  answers: number;
  shift: number;
  /** Share of the answers blocked when sent whole. */
  wholeRate: number;
  /** Share blocked streamed (mean over tokenizations), without a shift and with the fitted one. */
  streamedRateUnshifted: number;
  streamedRate: number;
  /** The answer windows' size, and the share of the answers sent whole that its windows block. */
  answerWindowChars: number;
  wholeRateWithWindows: number;
}

export async function streamAnswer(options: { text: string; seed: number }): Promise<StreamedAnswer> {
  let bestFragment = -Infinity;
  for (const window of await streamWindows(options)) if (window.fragment) bestFragment = Math.max(bestFragment, toxicityLogit(window.text));
  return { whole: toxicityLogit(options.text), bestFragment };
}

export function blockedShare(options: { answers: readonly StreamedAnswer[]; shift: number; threshold: number }): number {
  const { answers, shift, threshold } = options;
  return answers.filter((answer) => Math.max(answer.whole, answer.bestFragment - shift) >= threshold).length / answers.length;
}

export async function fitFragmentShift(): Promise<FragmentShiftFit> {
  const texts = readJsonl(join(CORPUS_DIR, "train.jsonl"))
    .filter((row) => row.direction === "output" && row.labels.length === 0)
    .map((row) => row.text);
  const threshold = logit(RECOMMENDED_THRESHOLDS.toxicity);
  const runs: StreamedAnswer[][] = [];
  for (const seed of STREAM_SEEDS) {
    const answers: StreamedAnswer[] = [];
    for (const text of texts) answers.push(await streamAnswer({ text, seed }));
    runs.push(answers);
  }
  const streamedRate = (shift: number) => runs.reduce((sum, answers) => sum + blockedShare({ answers, shift, threshold }), 0) / runs.length;
  const wholeRate = runs[0].filter((answer) => answer.whole >= threshold).length / texts.length;
  let shift = 0;
  while (shift < MAX_SHIFT && streamedRate(shift) > wholeRate + ALLOWED_EXCESS) shift += GRID_STEP;
  const normalised = texts.map((text) => prepareScanInput(text).normalised);
  const withWindows = (size: number) =>
    normalised.filter((text, i) => {
      const best = Math.max(...answerWindows({ text, size }).map((window) => logit(classifyLabels(window, ["toxicity"]).toxicity ?? 0) - shift));
      return Math.max(runs[0][i].whole, best) >= threshold;
    }).length / texts.length;
  const answerWindowChars = ANSWER_WINDOW_SIZES.find((size) => withWindows(size) <= wholeRate) ?? ANSWER_WINDOW_SIZES.at(-1)!;
  return {
    answers: texts.length, shift, wholeRate, streamedRateUnshifted: streamedRate(0), streamedRate: streamedRate(shift),
    answerWindowChars, wholeRateWithWindows: withWindows(answerWindowChars),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await fitFragmentShift());
}
