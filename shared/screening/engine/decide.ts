// The one place where findings and detector failures become an action under a tenant policy. Detectors report;
// this decides (DESIGN principle 2). Pure: no clock, no I/O.
//
// Rules, in order, for each finding:
// 1. rule = ruleFor(policy, direction, category); score < rule.threshold → `ignored` (no stage records it; see docs/audit.md).
// 2. rule.shadow → `shadowFindings`: audited, never changes the action.
// 3. A pii or secret rule with per-span-type actions (`types`) gives each span its type's action, or the rule's own,
//    and one with `allowValues` allows the spans that hold one of them: allowed spans are dropped from the finding,
//    and a finding left with none is `ignored`.
// 4. Otherwise the finding is in the verdict and its action competes; the strictest wins (allow < flag < redact < block).
//    A `redact` rule needs spans to know what to replace. A finding without spans under a redact rule escalates to
//    `block` (fail closed: we cannot forward text we were told to redact but cannot locate), EXCEPT invisible_text,
//    whose redaction is stripping: without spans we strip every character the normaliser removed.
// Failures: under detectorFailure "closed" any failure blocks; "open" only records it. A failure caused by the
// request being aborted always blocks: nothing was screened, so nothing may be forwarded.
import { isAllowedValue } from "../../policy/allowed-values";
import { type CategoryRule, type Policy, ruleFor, strictest } from "../../policy/schema";
import type { Action, Category, Direction, Finding, Span, SpanType } from "../types";
import type { DetectorFailure } from "./run-detectors";

export interface DecideOptions {
  findings: readonly Finding[];
  failures?: readonly DetectorFailure[];
  policy: Policy;
  direction: Direction;
  /** The text the spans index, for a rule's allowValues; without it no span counts as an allowed value. */
  text?: string;
}

export interface TriggeredCategory {
  category: Category;
  /** The action this category asked for (after the span-less redact escalation). */
  action: Exclude<Action, "allow">;
}

export interface Decision {
  action: Action;
  /** At or above threshold and not shadowed: these go into the public verdict. */
  findings: Finding[];
  /** At or above threshold under a shadow rule: audited only. */
  shadowFindings: Finding[];
  /**
   * Under the category threshold, or only spans the rule allows (by type or value): in neither the verdict nor the
   * audit record (docs/audit.md).
   */
  ignored: Finding[];
  failures: DetectorFailure[];
  /** True when a failure (not a finding) forced the block. */
  failedClosed: boolean;
  /** Categories whose findings asked for something other than allow, strictest first (names for error messages). */
  triggered: TriggeredCategory[];
  /** Spans to replace with placeholders when the action is redact (findings whose own action is redact). */
  redactSpans: Span[];
  /** invisible_text spans to delete when the action is redact. */
  stripSpans: Span[];
  /** An invisible_text finding under a redact rule had no spans: strip all characters the normaliser removed. */
  stripAllInvisible: boolean;
}

const RANK: Record<Action, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

/** Records that a category asked for `action`, keeping the strictest per category. */
export function noteTriggered(seen: Map<Category, TriggeredCategory["action"]>, triggered: TriggeredCategory): void {
  const before = seen.get(triggered.category) ?? "flag";
  seen.set(triggered.category, strictest(before, triggered.action) as TriggeredCategory["action"]);
}

/** The categories seen, strictest first (stable among equals). */
export function listTriggered(seen: Map<Category, TriggeredCategory["action"]>): TriggeredCategory[] {
  return [...seen]
    .map(([category, action]) => ({ category, action }))
    .sort((a, b) => RANK[b.action] - RANK[a.action]);
}

/**
 * The spans a pii or secret rule acts on, grouped by their type's action (or the rule's own); spans of a type it
 * allows, and spans holding one of its allowValues, are left out.
 */
function spansActedOn(options: { spans: readonly Span[]; rule: CategoryRule; text?: string }): Array<{ action: Action; spans: Span[] }> {
  const { rule, text } = options;
  const groups = new Map<Action, Span[]>();
  for (const span of options.spans) {
    const action = rule.types?.[span.type as SpanType] ?? rule.action;
    if (action === "allow") continue;
    if (rule.allowValues && text !== undefined && isAllowedValue({ allowValues: rule.allowValues, type: span.type, value: text.slice(span.start, span.end) })) continue;
    const group = groups.get(action);
    if (group) group.push(span);
    else groups.set(action, [span]);
  }
  return [...groups].map(([action, spans]) => ({ action, spans }));
}

/** One action a finding asked for, on `spans` (all of the finding's, or those of the span types it names). */
function applyAction(options: { decision: Decision; triggered: Map<Category, TriggeredCategory["action"]>; category: Category; action: Action; spans: readonly Span[] }): void {
  const { decision, category, spans } = options;
  let action = options.action;
  if (action === "redact") {
    if (category === "invisible_text") {
      if (spans.length) decision.stripSpans.push(...spans);
      else decision.stripAllInvisible = true;
    } else if (spans.length) {
      decision.redactSpans.push(...spans);
    } else {
      action = "block";
    }
  }
  decision.action = strictest(decision.action, action);
  if (action !== "allow") noteTriggered(options.triggered, { category, action });
}

export function decide(options: DecideOptions): Decision {
  const { policy, direction } = options;
  const failures = [...(options.failures ?? [])];
  const decision: Decision = {
    action: "allow",
    findings: [],
    shadowFindings: [],
    ignored: [],
    failures,
    failedClosed: false,
    triggered: [],
    redactSpans: [],
    stripSpans: [],
    stripAllInvisible: false,
  };
  const triggered = new Map<Category, TriggeredCategory["action"]>();

  for (const finding of options.findings) {
    const rule = ruleFor(policy, direction, finding.category);
    if (finding.score < rule.threshold) {
      decision.ignored.push(finding);
      continue;
    }
    if (rule.shadow) {
      decision.shadowFindings.push(finding);
      continue;
    }
    const spans = finding.spans ?? [];
    const groups = (rule.types || rule.allowValues) && spans.length ? spansActedOn({ spans, rule, text: options.text }) : [{ action: rule.action, spans }];
    if (!groups.length) {
      decision.ignored.push(finding);
      continue;
    }
    const actedOn = groups.length === 1 ? groups[0].spans : groups.flatMap((group) => group.spans);
    decision.findings.push(actedOn.length === spans.length ? finding : { ...finding, spans: actedOn });
    for (const group of groups) applyAction({ decision, triggered, category: finding.category, ...group });
  }

  const closed = failures.some((f) => f.reason === "aborted" || policy.detectorFailure === "closed");
  if (closed) {
    decision.failedClosed = decision.action !== "block";
    decision.action = "block";
  }
  decision.triggered = listTriggered(triggered);
  return decision;
}
