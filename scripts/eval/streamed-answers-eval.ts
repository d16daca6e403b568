// Streamed answers on the corpus test split (reporting only): each text relayed through the real stream engine in
// token-sized deltas and screened as the gateway screens answers (default policy, every detector), with the windows
// scored as fragments (fragment-calibration.ts) and, for comparison, as whole texts. Benign model answers should be
// blocked about as often streamed as whole, under the default policy and under one that blocks answers on every
// classifier head; toxic texts, alone or inside a benign answer, should still be stopped, and for those inside an
// answer the table says how much of the toxic text went out first.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_POLICY, type Policy } from "../../shared/policy/schema";
import { RECOMMENDED_THRESHOLDS } from "../../shared/screening/classifiers/classifier-detector";
import { CLASSIFIER_LABELS } from "../../shared/screening/classifiers/linear-model";
import { screenText } from "../../shared/screening/engine/screen-text";
import { defaultDetectors } from "../../shared/screening/registry";
import type { Direction } from "../../shared/screening/types";
import { openAiChatSurface } from "../../shared/streaming/openai-chat-surface";
import type { ScreenFn } from "../../shared/streaming/screening-engine";
import { parseSseText } from "../../shared/streaming/sse-parser";
import { createStreamScreener } from "../../shared/streaming/stream-screener";
import { openAiEvents, pipeChunks } from "../../shared/streaming/test-fakes";
import { createRandom } from "../train/seeded-random";
import { STREAM_SEEDS, tokenDeltas } from "../train/stream-windows";

const CORPUS = join(import.meta.dirname, "../../../shared/datasets/corpus/test.jsonl");
/** Every n-th toxic row of the test split (4,353 in all). */
const TOXIC_STRIDE = 10;

interface Row {
  text: string;
  labels: string[];
  direction: Direction;
}

export interface StreamedCounts {
  streams: number;
  whole: number;
  streamedAsWholeTexts: number;
  streamedAsFragments: number;
}

export interface StreamedAnswersEvaluation {
  benignAnswers: StreamedCounts;
  /** The same answers under a policy that blocks them on every classifier head. */
  benignAnswersEveryHead: StreamedCounts;
  toxicTexts: StreamedCounts;
  toxicInsideAnswers: StreamedCounts & {
    /** Of the stopped streams, the median characters of the toxic text the client got first: windows as whole texts, as fragments. */
    medianToxicCharsOut: { asWholeTexts: number; asFragments: number };
    /** The toxic texts' median length. */
    toxicChars: number;
  };
}

const detectors = defaultDetectors();
/** The default policy, and one that blocks answers on every classifier head (a tenant may turn the others on). */
const BLOCK = { action: "block", shadow: false } as const;
const EVERY_HEAD_POLICY: Policy = {
  ...DEFAULT_POLICY,
  output: {
    ...DEFAULT_POLICY.output,
    ...Object.fromEntries(CLASSIFIER_LABELS.map((label) => [label, { ...BLOCK, threshold: RECOMMENDED_THRESHOLDS[label] }])),
  },
};

const screenAs = (options: { fragments: boolean; policy: Policy }): ScreenFn => async (text, window) => {
  const { fragments, policy } = options;
  const result = await screenText({ text, direction: "output", policy, detectors, fragment: fragments && window.fragment, openEnded: window.openEnded });
  return { action: result.action, spans: result.redactSpans, findings: result.findings };
};

/** The text the client got and whether the stream was stopped. */
async function stream(options: { text: string; seed: number; fragments: boolean; policy?: Policy }): Promise<{ out: string; blocked: boolean }> {
  const deltas = tokenDeltas({ text: options.text, random: createRandom(options.seed) });
  const screen = screenAs({ fragments: options.fragments, policy: options.policy ?? DEFAULT_POLICY });
  const sse = await pipeChunks({ pair: createStreamScreener({ surface: openAiChatSurface, screen }), chunks: openAiEvents({ deltas }) });
  const events = parseSseText(sse).filter((event) => event.data !== "[DONE]").map((event) => JSON.parse(event.data));
  return { out: events.map((event) => event.choices?.[0]?.delta?.content ?? "").join(""), blocked: events.some((event) => event.error) };
}

async function blockedWhole(text: string, policy: Policy): Promise<boolean> {
  return (await screenText({ text, direction: "output", policy, detectors })).action === "block";
}

async function count(texts: readonly string[], seeds: readonly number[], policy: Policy = DEFAULT_POLICY): Promise<StreamedCounts> {
  const counts: StreamedCounts = { streams: 0, whole: 0, streamedAsWholeTexts: 0, streamedAsFragments: 0 };
  for (const text of texts) {
    if (await blockedWhole(text, policy)) counts.whole += seeds.length;
    for (const seed of seeds) {
      counts.streams++;
      if ((await stream({ text, seed, fragments: false, policy })).blocked) counts.streamedAsWholeTexts++;
      if ((await stream({ text, seed, fragments: true, policy })).blocked) counts.streamedAsFragments++;
    }
  }
  return counts;
}

/** A benign answer with `toxic` after its first sentence that ends past 200 characters (or at its end). */
function insert(options: { answer: string; toxic: string }): { text: string; at: number } {
  const end = options.answer.indexOf(". ", 200);
  const at = end > 0 ? end + 2 : options.answer.length + 1;
  return { text: `${options.answer.slice(0, at)}${options.answer.length < at ? " " : ""}${options.toxic} ${options.answer.slice(at)}`, at };
}

export async function evaluateStreamedAnswers(options: { limit?: number } = {}): Promise<StreamedAnswersEvaluation> {
  const rows = readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Row);
  const answers = rows.filter((row) => row.direction === "output" && row.labels.length === 0).map((row) => row.text).slice(0, options.limit);
  const toxic = rows.filter((row) => row.labels.includes("toxicity")).filter((_, i) => i % TOXIC_STRIDE === 0).map((row) => row.text).slice(0, options.limit);
  const inside = toxic.map((text, i) => ({ ...insert({ answer: answers[i % answers.length], toxic: text }), toxic: text }));
  const evaluation: StreamedAnswersEvaluation = {
    benignAnswers: await count(answers, STREAM_SEEDS),
    benignAnswersEveryHead: await count(answers, STREAM_SEEDS, EVERY_HEAD_POLICY),
    toxicTexts: await count(toxic, [STREAM_SEEDS[0]]),
    toxicInsideAnswers: {
      ...(await count(inside.map((entry) => entry.text), [STREAM_SEEDS[0]])),
      medianToxicCharsOut: { asWholeTexts: await medianCharsOut({ inside, fragments: false }), asFragments: await medianCharsOut({ inside, fragments: true }) },
      toxicChars: median(inside.map((entry) => entry.toxic.length)),
    },
  };
  return evaluation;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Of the streams stopped, the median characters of their toxic text that reached the client before the block. */
async function medianCharsOut(options: { inside: ReadonlyArray<{ text: string; at: number; toxic: string }>; fragments: boolean }): Promise<number> {
  const charsOut: number[] = [];
  for (const entry of options.inside) {
    const { out, blocked } = await stream({ text: entry.text, seed: STREAM_SEEDS[0], fragments: options.fragments });
    if (blocked) charsOut.push(Math.min(entry.toxic.length, Math.max(0, out.length - entry.at)));
  }
  return median(charsOut);
}

export function renderStreamedAnswersEvaluation(evaluation: StreamedAnswersEvaluation): string {
  const share = (count: number, of: number) => `${count} / ${of} (${((100 * count) / Math.max(1, of)).toFixed(1)}%)`;
  const row = (label: string, counts: StreamedCounts) =>
    `| ${label} | ${share(counts.whole, counts.streams)} | ${share(counts.streamedAsWholeTexts, counts.streams)} | ${share(counts.streamedAsFragments, counts.streams)} |`;
  const { toxicInsideAnswers: inside } = evaluation;
  return [
    "| streamed in token deltas (corpus test split, default policy) | blocked whole | streamed, windows scored as whole texts | streamed, windows scored as fragments (shipped) |",
    "|---|---:|---:|---:|",
    row("benign model answers (3 tokenizations each)", evaluation.benignAnswers),
    row("the same, a policy blocking answers on every classifier head", evaluation.benignAnswersEveryHead),
    row(`toxic texts (every ${TOXIC_STRIDE}th) as the answer`, evaluation.toxicTexts),
    row("the same toxic texts inside a benign answer", inside),
    "",
    `Inside an answer, a stopped stream let out a median ${inside.medianToxicCharsOut.asFragments} characters of its toxic text before the block ` +
      `(${inside.medianToxicCharsOut.asWholeTexts} with windows scored as whole texts; the toxic texts' median length is ${inside.toxicChars}).`,
  ].join("\n");
}
