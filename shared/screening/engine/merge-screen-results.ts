// Merges the per-part screening results of one request body into one: strictest action, all findings (with the
// index of the part each came from kept in side lists, since public finding objects carry only DESIGN fields),
// timings summed per detector, and each part's redacted text.
import { strictest } from "../../policy/schema";
import type { Action, Category, Finding } from "../types";
import { listTriggered, noteTriggered, type TriggeredCategory } from "./decide";
import type { DetectorFailure } from "./run-detectors";
import { CLEAN_RESULT, type ScreenResult } from "./screen-result";

export interface PartFailure extends DetectorFailure {
  part: number;
}

export interface PartsScreenResult {
  action: Action;
  findings: Finding[];
  /** findingParts[i] is the index of the part findings[i] was found in (audit). */
  findingParts: number[];
  shadowFindings: Finding[];
  shadowFindingParts: number[];
  ignored: Finding[];
  failures: PartFailure[];
  failedClosed: boolean;
  triggered: TriggeredCategory[];
  /** Per detector, the sum over parts. */
  timings_ms: Record<string, number>;
  /** Aligned with the parts: the redacted text of a part whose own action was redact, otherwise undefined. */
  redactedTexts: Array<string | undefined>;
  /** The parts whose own findings blocked (not a detector failure), in body order. */
  blockingParts: number[];
  /** Assistant parts recognised as answers the gateway delivered, screened without request categories (screen-parts.ts). */
  resentAnswerParts: number[];
  /** Lookups of delivered answers that failed (those texts were judged as any input). */
  resentAnswerLookupFailures: number;
}

export function mergeScreenResults(results: readonly ScreenResult[]): PartsScreenResult {
  const merged: PartsScreenResult = {
    action: "allow",
    findings: [],
    findingParts: [],
    shadowFindings: [],
    shadowFindingParts: [],
    ignored: [],
    failures: [],
    failedClosed: false,
    triggered: [],
    timings_ms: {},
    redactedTexts: [],
    blockingParts: [],
    resentAnswerParts: [],
    resentAnswerLookupFailures: 0,
  };
  const triggered = new Map<Category, TriggeredCategory["action"]>();

  results.forEach((result, part) => {
    // A text known clean (most of a chat's history) adds nothing but its place.
    if (result === CLEAN_RESULT) return void merged.redactedTexts.push(undefined);
    merged.action = strictest(merged.action, result.action);
    for (const finding of result.findings) {
      merged.findings.push(finding);
      merged.findingParts.push(part);
    }
    for (const finding of result.shadowFindings) {
      merged.shadowFindings.push(finding);
      merged.shadowFindingParts.push(part);
    }
    merged.ignored.push(...result.ignored);
    merged.failures.push(...result.failures.map((failure) => ({ ...failure, part })));
    merged.failedClosed ||= result.failedClosed;
    for (const entry of result.triggered) noteTriggered(triggered, entry);
    for (const [detector, ms] of Object.entries(result.timings_ms)) {
      merged.timings_ms[detector] = Math.round(((merged.timings_ms[detector] ?? 0) + ms) * 1000) / 1000;
    }
    merged.redactedTexts.push(result.action === "redact" ? result.redacted_text : undefined);
    if (result.action === "block" && !result.failedClosed) merged.blockingParts.push(part);
  });

  // A failure in one part only "forced" the block if no finding anywhere blocked on its own.
  if (merged.failedClosed && results.some((r) => r.action === "block" && !r.failedClosed)) merged.failedClosed = false;
  merged.triggered = listTriggered(triggered);
  return merged;
}
