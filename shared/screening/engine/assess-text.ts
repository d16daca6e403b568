// Screening of one prepared text up to the decision: run the direction's detectors, then decide. No rewriting here,
// so several texts can be assessed in parallel and redacted afterwards in a fixed order (stable placeholder numbers).
import type { Policy } from "../../policy/schema";
import type { Detector, Direction, ScanInput } from "../types";
import { type Decision, decide } from "./decide";
import { runDetectors } from "./run-detectors";

export interface AssessTextOptions {
  input: ScanInput;
  direction: Direction;
  policy: Policy;
  detectors: readonly Detector[];
  systemPrompt?: string;
  prompt?: string;
  signal?: AbortSignal;
  now?: () => number;
}

export interface Assessment {
  input: ScanInput;
  decision: Decision;
  timings_ms: Record<string, number>;
}

export async function assessText(options: AssessTextOptions): Promise<Assessment> {
  const { input, direction, policy } = options;
  const run = await runDetectors({
    input,
    detectors: options.detectors,
    now: options.now,
    context: {
      direction,
      policy,
      ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
      ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  });
  const decision = decide({ findings: run.findings, failures: run.failures, policy, direction });
  return { input, decision, timings_ms: run.timings_ms };
}
