// Screens one text end to end: normalise → run detectors → decide → redact when the action is redact.
// Detectors run on the cleaned text and report spans in original offsets (ScanInput.toOriginal), so redaction
// and stripping of invisible characters both apply to the text the caller sent.
import type { Policy } from "../../policy/schema";
import { prepareScanInput } from "../normalise/prepare-scan-input";
import { createRedactionVault, type RedactionVault } from "../redact/redaction-vault";
import type { Detector, Direction, ScanInput } from "../types";
import { assessText } from "./assess-text";
import { finishScreening, type ScreenResult } from "./screen-result";

export { type ScreenResult, toVerdict } from "./screen-result";

export interface ScreenTextOptions {
  text: string;
  direction: Direction;
  policy: Policy;
  detectors: readonly Detector[];
  /** The conversation's system prompt (canary and leak checks on output). */
  systemPrompt?: string;
  /** The prompt an answer replies to (output detectors may compare). */
  prompt?: string;
  /** The request's vault, so placeholders stay consistent across texts and can be restored in the answer. */
  vault?: RedactionVault;
  signal?: AbortSignal;
  /** Milliseconds clock for timings (tests). */
  now?: () => number;
  /** The normaliser; replaceable only so engine tests can pin a ScanInput. */
  prepare?: (text: string) => ScanInput;
  /** Values the caller sent itself (the prompt vault's originals): not reported as leaks in an answer. */
  ownValues?: ReadonlySet<string>;
  /** The text is a stream's rolling window, not a whole text (ScanContext.fragment), and more may follow (openEnded). */
  fragment?: boolean;
  openEnded?: boolean;
}

export async function screenText(options: ScreenTextOptions): Promise<ScreenResult> {
  const { prepare = prepareScanInput, vault = createRedactionVault() } = options;
  const assessment = await assessText({
    input: prepare(options.text),
    direction: options.direction,
    policy: options.policy,
    detectors: options.detectors,
    systemPrompt: options.systemPrompt,
    prompt: options.prompt,
    signal: options.signal,
    now: options.now,
    ownValues: options.ownValues,
    fragment: options.fragment,
    openEnded: options.openEnded,
  });
  return finishScreening({ assessment, vault });
}
