// Screening of one prepared text up to the decision: run the direction's detectors, then decide. No rewriting here,
// so several texts can be assessed in parallel and redacted afterwards in a fixed order (stable placeholder numbers).
import type { Policy } from "../../policy/schema";
import type { Detector, Direction, Finding, ScanInput } from "../types";
import { type Decision, decide } from "./decide";
import { runDetectors, type RunDetectorsResult } from "./run-detectors";

export interface AssessTextOptions {
  input: ScanInput;
  direction: Direction;
  policy: Policy;
  detectors: readonly Detector[];
  systemPrompt?: string;
  prompt?: string;
  signal?: AbortSignal;
  now?: () => number;
  /** A stream's rolling window (ScanContext.fragment), and one more text may follow (ScanContext.openEnded). */
  fragment?: boolean;
  openEnded?: boolean;
  /**
   * Values the caller itself sent (restored from the prompt's vault): a span covering exactly one of them is not a
   * leak, so it is dropped, and a finding left with no span is dropped too.
   */
  ownValues?: ReadonlySet<string>;
}

export interface Assessment {
  input: ScanInput;
  decision: Decision;
  timings_ms: Record<string, number>;
}

/** Synchronous when the detectors all are (run-detectors.ts); await it either way. */
export function assessText(options: AssessTextOptions): Assessment | Promise<Assessment> {
  const { input, direction, policy } = options;
  const run = runDetectors({
    input,
    detectors: options.detectors,
    now: options.now,
    context: {
      direction,
      policy,
      ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
      ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.fragment ? { fragment: true } : {}),
      ...(options.openEnded ? { openEnded: true } : {}),
    },
  });
  return run instanceof Promise ? run.then((result) => assessed({ options, run: result })) : assessed({ options, run });
}

function assessed(at: { options: AssessTextOptions; run: RunDetectorsResult }): Assessment {
  const { options, run } = at;
  const findings = options.ownValues?.size ? withoutOwnValues({ findings: run.findings, input: options.input, ownValues: options.ownValues }) : run.findings;
  const decision = decide({ findings, failures: run.failures, policy: options.policy, direction: options.direction, text: options.input.original });
  return { input: options.input, decision, timings_ms: run.timings_ms };
}

function withoutOwnValues(options: { findings: readonly Finding[]; input: ScanInput; ownValues: ReadonlySet<string> }): Finding[] {
  const kept: Finding[] = [];
  for (const finding of options.findings) {
    if (!finding.spans?.length) {
      kept.push(finding);
      continue;
    }
    const spans = finding.spans.filter((span) => !options.ownValues.has(options.input.original.slice(span.start, span.end)));
    if (spans.length) kept.push(spans.length === finding.spans.length ? finding : { ...finding, spans });
  }
  return kept;
}
