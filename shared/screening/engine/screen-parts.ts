// Screens every text part of a request body: detectors run for all parts in parallel, then redaction happens
// part by part in body order, so placeholder numbers are stable ([EMAIL_1] is the first email in the body)
// and one vault serves the whole request (the same value gets the same placeholder in every part).
import type { Policy } from "../../policy/schema";
import type { TextPart } from "../extract/text-part";
import { systemPromptOf } from "../extract/text-part";
import { prepareScanInput } from "../normalise/prepare-scan-input";
import { createRedactionVault, type RedactionVault } from "../redact/redaction-vault";
import type { Detector, Direction, ScanInput, TextKind } from "../types";
import { assessText } from "./assess-text";
import { mergeScreenResults, type PartsScreenResult } from "./merge-screen-results";
import { finishScreening } from "./screen-result";

export type { PartFailure, PartsScreenResult } from "./merge-screen-results";

export interface ScreenPartsOptions {
  parts: readonly TextPart[];
  direction: Direction;
  policy: Policy;
  detectors: readonly Detector[];
  vault?: RedactionVault;
  signal?: AbortSignal;
  /** Defaults to the system/developer texts among the parts. */
  systemPrompt?: string;
  prompt?: string;
  now?: () => number;
  /** The normaliser; replaceable only so engine tests can pin a ScanInput. */
  prepare?: (text: string) => ScanInput;
}

/** The detectors that screen each kind of text (Detector.screens), filtered once per request. */
function detectorsByKind(detectors: readonly Detector[]): Record<TextKind, readonly Detector[]> {
  const screening = (kind: TextKind) => detectors.filter((detector) => !detector.screens || detector.screens.includes(kind));
  return { message: screening("message"), tool_definition: screening("tool_definition") };
}

export async function screenParts(options: ScreenPartsOptions): Promise<PartsScreenResult> {
  const { parts, prepare = prepareScanInput, vault = createRedactionVault() } = options;
  const systemPrompt = options.systemPrompt ?? systemPromptOf(parts);
  const byKind = detectorsByKind(options.detectors);
  const assessments = await Promise.all(
    parts.map((part) =>
      assessText({
        input: prepare(part.text),
        direction: options.direction,
        policy: options.policy,
        detectors: byKind[part.kind ?? "message"],
        systemPrompt,
        prompt: options.prompt,
        signal: options.signal,
        now: options.now,
      }),
    ),
  );
  // Placeholder-looking text anywhere in the body must not collide with the placeholders issued below.
  for (const part of parts) vault.reserve(part.text);
  const results = assessments.map((assessment) => finishScreening({ assessment, vault }));
  return mergeScreenResults(results);
}
