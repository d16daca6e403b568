// A short prompt screened end to end (screenText: normalise, the default input set and the classifier, decide,
// redact) next to its detectors alone, in µs per text. Per-KB rows hide what a chat turn mostly pays: fixed costs per
// screening (the detector run's orchestration was once twice the detectors' own cost). `npm run bench` prints it.
import { DEFAULT_POLICY } from "../../shared/policy/schema";
import { defaultDetectors } from "../../shared/screening/registry";
import { screenText } from "../../shared/screening/engine/screen-text";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import type { ScanContext } from "../../shared/screening/types";

export const SHORT_PROMPT = "How do I reset my password for the billing portal?";

export interface ShortPromptRow {
  measure: string;
  usPerText: number;
}

/** µs per call of `runs` back-to-back calls. */
async function perCall(options: { runs: number; call: () => unknown }): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < options.runs; i++) await options.call();
  return ((performance.now() - started) * 1000) / options.runs;
}

export async function benchShortPrompt(options: { batches?: number; runs?: number } = {}): Promise<ShortPromptRow[]> {
  const { batches = 15, runs = 2_000 } = options;
  const detectors = defaultDetectors().filter((detector) => detector.directions.includes("input"));
  const context: ScanContext = { direction: "input", policy: DEFAULT_POLICY };
  const signal = new AbortController().signal; // a request always has one
  const endToEnd = () => screenText({ text: SHORT_PROMPT, direction: "input", policy: DEFAULT_POLICY, detectors, signal });
  const detectorsAlone = () => {
    const input = prepareScanInput(SHORT_PROMPT);
    for (const detector of detectors) detector.scan(input, context);
  };
  for (const call of [endToEnd, detectorsAlone]) await perCall({ runs: runs * 2, call }); // warm-up
  // Batches alternate between the two and each keeps its fastest: a busy stretch of a shared machine hits both alike.
  let bestEndToEnd = Infinity;
  let bestDetectors = Infinity;
  for (let b = 0; b < batches; b++) {
    bestEndToEnd = Math.min(bestEndToEnd, await perCall({ runs, call: endToEnd }));
    bestDetectors = Math.min(bestDetectors, await perCall({ runs, call: detectorsAlone }));
  }
  const round = (us: number) => Math.round(us * 10) / 10;
  return [
    { measure: `short prompt (${SHORT_PROMPT.length} chars), screenText end to end: µs per text`, usPerText: round(bestEndToEnd) },
    { measure: "the same prompt, its detectors alone (normalise + scan): µs per text", usPerText: round(bestDetectors) },
  ];
}
