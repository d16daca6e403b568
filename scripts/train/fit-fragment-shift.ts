// Fits each head's margin shift for stream windows (shared/screening/classifiers/fragment-calibration.ts) on the
// train split's benign model answers: each streamed in token deltas through the real stream engine with three
// tokenizations, an answer counts as blocked when its whole text or any window, shifted, reaches the head's
// recommended threshold. A head's shift is the smallest on a 0.25 grid at which streamed answers are blocked at most
// one point more often than the same answers sent whole. Then the answer windows' size (toxicity only, the head the
// default policy blocks answers on): the smallest of ANSWER_WINDOW_SIZES at which an answer's best window, shifted,
// blocks no more of those answers sent whole than their whole texts do.
// `npx tsx scripts/train/fit-fragment-shift.ts` prints the fit; fit-fragment-shift.test.ts keeps the shipped values
// equal to it. The test split is never read here.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { classifyInput, classifyLabels, RECOMMENDED_THRESHOLDS } from "../../shared/screening/classifiers/classifier-detector";
import { answerWindows } from "../../shared/screening/classifiers/fragment-calibration";
import { CLASSIFIER_LABELS, type ClassifierLabel } from "../../shared/screening/classifiers/linear-model";
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
const logits = (text: string): Record<ClassifierLabel, number> => {
  const scores = classifyInput(prepareScanInput(text), CLASSIFIER_LABELS);
  return Object.fromEntries(CLASSIFIER_LABELS.map((label) => [label, logit(scores[label] ?? 0)])) as Record<ClassifierLabel, number>;
};

/** One streamed answer, per head: its whole text's logit, and the highest of its fragment windows'. */
type StreamedAnswer = Record<ClassifierLabel, { whole: number; bestFragment: number }>;

/** One head's fit: its shift and the share of the answers it blocks whole, streamed unshifted and streamed shifted. */
export interface HeadShiftFit {
  shift: number;
  wholeRate: number;
  streamedRateUnshifted: number;
  streamedRate: number;
}

export interface FragmentShiftFit {
  answers: number;
  heads: Record<ClassifierLabel, HeadShiftFit>;
  /** The answer windows' size, and the share of the answers sent whole that its windows block for toxicity. */
  answerWindowChars: number;
  wholeRateWithWindows: number;
}

export async function streamAnswer(options: { text: string; seed: number }): Promise<StreamedAnswer> {
  const whole = logits(options.text);
  const answer = Object.fromEntries(CLASSIFIER_LABELS.map((label) => [label, { whole: whole[label], bestFragment: -Infinity }])) as StreamedAnswer;
  for (const window of await streamWindows(options)) {
    if (!window.fragment) continue;
    const scores = logits(window.text);
    for (const label of CLASSIFIER_LABELS) answer[label].bestFragment = Math.max(answer[label].bestFragment, scores[label]);
  }
  return answer;
}

export function blockedShare(options: { answers: readonly StreamedAnswer[]; label: ClassifierLabel; shift: number; threshold: number }): number {
  const { answers, label, shift, threshold } = options;
  return answers.filter((answer) => Math.max(answer[label].whole, answer[label].bestFragment - shift) >= threshold).length / answers.length;
}

function fitHead(options: { runs: readonly StreamedAnswer[][]; label: ClassifierLabel }): HeadShiftFit {
  const { runs, label } = options;
  const threshold = logit(RECOMMENDED_THRESHOLDS[label]);
  const streamedRate = (shift: number) => runs.reduce((sum, answers) => sum + blockedShare({ answers, label, shift, threshold }), 0) / runs.length;
  const wholeRate = runs[0].filter((answer) => answer[label].whole >= threshold).length / runs[0].length;
  let shift = 0;
  while (shift < MAX_SHIFT && streamedRate(shift) > wholeRate + ALLOWED_EXCESS) shift += GRID_STEP;
  return { shift, wholeRate, streamedRateUnshifted: streamedRate(0), streamedRate: streamedRate(shift) };
}

export async function fitFragmentShift(): Promise<FragmentShiftFit> {
  const texts = readJsonl(join(CORPUS_DIR, "train.jsonl"))
    .filter((row) => row.direction === "output" && row.labels.length === 0)
    .map((row) => row.text);
  const runs: StreamedAnswer[][] = [];
  for (const seed of STREAM_SEEDS) {
    const answers: StreamedAnswer[] = [];
    for (const text of texts) answers.push(await streamAnswer({ text, seed }));
    runs.push(answers);
  }
  const heads = Object.fromEntries(CLASSIFIER_LABELS.map((label) => [label, fitHead({ runs, label })])) as Record<ClassifierLabel, HeadShiftFit>;
  const { shift, wholeRate } = heads.toxicity;
  const threshold = logit(RECOMMENDED_THRESHOLDS.toxicity);
  const normalised = texts.map((text) => prepareScanInput(text).normalised);
  const withWindows = (size: number) =>
    normalised.filter((text, i) => {
      const best = Math.max(...answerWindows({ text, size }).map((window) => logit(classifyLabels(window, ["toxicity"]).toxicity ?? 0) - shift));
      return Math.max(runs[0][i].toxicity.whole, best) >= threshold;
    }).length / texts.length;
  const answerWindowChars = ANSWER_WINDOW_SIZES.find((size) => withWindows(size) <= wholeRate) ?? ANSWER_WINDOW_SIZES.at(-1)!;
  return { answers: texts.length, heads, answerWindowChars, wholeRateWithWindows: withWindows(answerWindowChars) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.dir(await fitFragmentShift(), { depth: 3 });
}
