// Texts an app sends unchanged with every request (its tool definitions, its system prompt) found clean under one
// policy by one detector set: not screened again in this isolate. Input screening reads nothing but the text, the
// policy and the detectors (output detectors read the system prompt and the prompt, so outputs are never cached), and
// a clean text has no findings of any kind to audit, so skipping it changes no result. User and tool-result texts are
// not cached: they do not repeat, and a cache would only flatter a benchmark that sends one prompt again and again.
import type { Policy } from "../../policy/schema";
import type { TextPart } from "../extract/text-part";
import type { Detector } from "../types";
import type { Assessment } from "./assess-text";

/** Distinct clean texts kept per (detectors, policy); past it the set starts again (a churn of texts is not "unchanged"). */
const MAX_TEXTS = 4096;

const byDetectors = new WeakMap<readonly Detector[], WeakMap<Policy, Set<string>>>();

/** Whether screening may remember this part's text: it is the app's own text, sent alike with every request. */
export function isRepeatedAppText(part: TextPart): boolean {
  return part.kind === "tool_definition" || part.role === "system" || part.role === "developer";
}

/** What screening a part depends on besides the policy and detectors: its kind (which detectors run) and its text. */
export const screeningKey = (part: TextPart): string => `${part.kind ?? "message"}\u0000${part.text}`;

function textsFor(options: { detectors: readonly Detector[]; policy: Policy }): Set<string> {
  let byPolicy = byDetectors.get(options.detectors);
  if (!byPolicy) byDetectors.set(options.detectors, (byPolicy = new WeakMap()));
  let texts = byPolicy.get(options.policy);
  if (!texts) byPolicy.set(options.policy, (texts = new Set()));
  return texts;
}

export function isKnownClean(options: { detectors: readonly Detector[]; policy: Policy; part: TextPart }): boolean {
  return isRepeatedAppText(options.part) && textsFor(options).has(screeningKey(options.part));
}

/** Remembers the part's text when its assessment found nothing at all: no finding, shadowed or below threshold, no failure. */
export function rememberIfClean(options: { detectors: readonly Detector[]; policy: Policy; part: TextPart; assessment: Assessment }): void {
  const { decision } = options.assessment;
  if (!isRepeatedAppText(options.part)) return;
  if (decision.findings.length + decision.shadowFindings.length + decision.belowThreshold.length + decision.failures.length > 0) return;
  const texts = textsFor(options);
  if (texts.size >= MAX_TEXTS) texts.clear();
  texts.add(screeningKey(options.part));
}
