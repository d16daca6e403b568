// Test-only helpers shared by the detector tests: run a detector on a text and read back the spans it reported.
import { DEFAULT_POLICY, policySchema, type PolicyInput } from "../../policy/schema";
import { parseValid } from "../../validation/validate";
import { prepareScanInput } from "../normalise/prepare-scan-input";
import type { Detector, Direction, Finding, ScanContext } from "../types";

export function contextWith(options: { direction?: Direction; policy?: PolicyInput; systemPrompt?: string; prompt?: string } = {}): ScanContext {
  return {
    direction: options.direction ?? "input",
    policy: options.policy ? parseValid(policySchema, { ...DEFAULT_POLICY, ...options.policy }) : DEFAULT_POLICY,
    systemPrompt: options.systemPrompt,
    prompt: options.prompt,
  };
}

export async function scan(detector: Detector, text: string, context: ScanContext = contextWith()): Promise<Finding[]> {
  return detector.scan(prepareScanInput(text), context);
}

/** The reported spans as `{ type, text }` (text sliced from the original), in start order. */
export async function spansOf(
  detector: Detector,
  text: string,
  context?: ScanContext,
): Promise<Array<{ type: string; text: string }>> {
  const findings = await scan(detector, text, context);
  return findings
    .flatMap((f) => f.spans ?? [])
    .sort((a, b) => a.start - b.start)
    .map((s) => ({ type: s.type, text: text.slice(s.start, s.end) }));
}

export function maxScore(findings: Finding[]): number {
  return findings.reduce((m, f) => Math.max(m, f.score), 0);
}
