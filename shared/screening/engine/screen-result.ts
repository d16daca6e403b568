// The result of screening one text: the public Verdict plus what only the audit sees, how it is built from an
// assessment (redacting when the action is redact), and `toVerdict`, the exact public object for /v1/guard and the CLI.
import type { RedactionVault } from "../redact/redaction-vault";
import { redactText } from "../redact/redact-text";
import type { Finding, ScanInput, Span, Verdict } from "../types";
import type { Assessment } from "./assess-text";
import type { Decision } from "./decide";

/**
 * The Verdict plus the decision's audit-only parts (documented on Decision). `redactSpans` are the spans replaced by
 * placeholders when the action is redact (empty otherwise); stream screeners reuse them.
 */
export interface ScreenResult
  extends Verdict,
    Pick<Decision, "shadowFindings" | "ignored" | "failures" | "failedClosed" | "triggered" | "redactSpans"> {}

/** What screening a text already known clean gives: allow, and nothing to audit (one frozen object, read only). */
export const CLEAN_RESULT: ScreenResult = Object.freeze({
  action: "allow",
  findings: Object.freeze([]) as never,
  timings_ms: Object.freeze({}) as never,
  shadowFindings: Object.freeze([]) as never,
  ignored: Object.freeze([]) as never,
  failures: Object.freeze([]) as never,
  failedClosed: false,
  triggered: Object.freeze([]) as never,
  redactSpans: Object.freeze([]) as never,
});

/**
 * Ranges of the original text that the normaliser removed (the invisible characters), read off `toOriginal`:
 * every original index no cleaned offset maps to was removed.
 */
export function removedRanges(input: ScanInput): Span[] {
  const ranges: Span[] = [];
  let expected = 0;
  for (let i = 0; i < input.cleaned.length; i++) {
    const at = input.toOriginal(i);
    if (at > expected) ranges.push({ start: expected, end: at, type: "invisible" });
    expected = Math.max(expected, at + 1);
  }
  if (input.original.length > expected) ranges.push({ start: expected, end: input.original.length, type: "invisible" });
  return ranges;
}

/** Builds the ScreenResult; when the action is redact, rewrites the original text through the vault. */
export function finishScreening(options: { assessment: Assessment; vault: RedactionVault }): ScreenResult {
  const { input, decision, timings_ms } = options.assessment;
  const result: ScreenResult = {
    action: decision.action,
    findings: decision.findings,
    timings_ms,
    shadowFindings: decision.shadowFindings,
    ignored: decision.ignored,
    failures: decision.failures,
    failedClosed: decision.failedClosed,
    triggered: decision.triggered,
    redactSpans: [],
  };
  if (decision.action === "redact") {
    result.redactSpans = decision.redactSpans;
    const strip = decision.stripAllInvisible ? [...decision.stripSpans, ...removedRanges(input)] : decision.stripSpans;
    result.redacted_text = redactText({
      text: input.original,
      spans: decision.redactSpans,
      strip,
      vault: options.vault,
    }).text;
  }
  return result;
}

function publicFinding(finding: Finding): Finding {
  const out: Finding = { detector: finding.detector, category: finding.category, score: finding.score };
  if (finding.spans) out.spans = finding.spans.map(({ start, end, type }) => ({ start, end, type }));
  return out;
}

/** Exactly the DESIGN verdict: action, findings (four fields at most), redacted_text when redacting, timings_ms. */
export function toVerdict(result: Verdict): Verdict {
  const redacting = result.action === "redact" && result.redacted_text !== undefined;
  return {
    action: result.action,
    findings: result.findings.map(publicFinding),
    ...(redacting ? { redacted_text: result.redacted_text } : {}),
    timings_ms: { ...result.timings_ms },
  };
}
