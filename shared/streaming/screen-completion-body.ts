// Screens a whole (non-streamed) JSON answer with the same screen function, placeholders and restore as streams:
// every text of the answer is screened once; the result is a new body, or a block with the dialect's error body.
import { strictest } from "../policy/schema";
import type { Action, Finding } from "../screening/types";
import { mergeSpans, renderRange, type RedactFn, type RestoreFn } from "./channel-window";
import { FindingsLedger } from "./findings-ledger";
import type { ScreenFn } from "./screening-engine";
import { applyVerbatimText, restorersByForm, type VerbatimForm } from "./text-forms";
import { createOffsetMap } from "./offset-map";
import type { ScreenedText, StreamSurface, StreamUsage } from "./surface";

/** Every text of a whole answer is screened whole. */
const WHOLE_TEXT = { fragment: false, openEnded: false } as const;

export interface BodyOutcome {
  action: Action;
  findings: Finding[];
  /** Spans replaced by placeholders. */
  redactions: number;
  /** Forms of never-rewritten text in which something the policy would redact was let through (verbatimText "flag"). */
  keptVerbatim: VerbatimForm[];
  usage?: StreamUsage;
}

export type CompletionScreening =
  | { kind: "allowed"; body: unknown; outcome: BodyOutcome }
  | { kind: "blocked"; errorBody: unknown; outcome: BodyOutcome; screenFailed: boolean };

export async function screenCompletionBody(options: {
  surface: StreamSurface;
  body: unknown;
  screen: ScreenFn;
  restore?: RestoreFn;
  redact?: RedactFn;
  /** A redaction in text that is never rewritten (signed thinking, tool-call JSON): "block" (default) or "flag". */
  verbatimText?: "flag" | "block";
}): Promise<CompletionScreening> {
  const { surface, body } = options;
  const ledger = new FindingsLedger();
  const usage = surface.bodyUsage(body);
  let action: Action = "allow";
  let redactions = 0;
  const keptVerbatim = new Set<VerbatimForm>();
  const replaced = new Map<string, ScreenedText>();
  const outcome = (): BodyOutcome => ({ action, findings: ledger.list(), redactions, keptVerbatim: [...keptVerbatim], ...(usage ? { usage } : {}) });
  const blocked = (categories: string[], screenFailed: boolean): CompletionScreening => {
    action = "block";
    const message = screenFailed
      ? "The answer could not be screened, so it was withheld."
      : `The answer was stopped by the guardrail policy${categories.length > 0 ? ` (${categories.join(", ")})` : ""}.`;
    const errorBody = surface.errorBody({ type: "guardrail_violation", code: "output_blocked", message });
    return { kind: "blocked", errorBody, outcome: outcome(), screenFailed };
  };

  const verbatimText = options.verbatimText ?? "block";
  const restorers = restorersByForm(options.restore);
  for (const { channel, text, form = "text" } of surface.bodyTexts(body)) {
    let result;
    try {
      result = await options.screen(text, WHOLE_TEXT);
    } catch {
      return blocked([], true); // fail closed, as for streams
    }
    const ruled = applyVerbatimText({ form, result, verbatimText });
    if (ruled.kept) keptVerbatim.add(ruled.kept);
    result = ruled.result;
    ledger.add({ findings: result.findings, offset: 0, channel });
    if (result.action === "block") return blocked([...new Set(result.findings.map((f) => f.category))], false);
    action = strictest(action, result.action);
    if (form === "signed") continue;
    const rendered = renderRange({
      window: text,
      windowStart: 0,
      from: 0,
      to: text.length,
      spans: mergeSpans(result.spans),
      redactedUntil: -1,
      redact: options.redact,
      restore: restorers[form],
    });
    redactions += rendered.redactions;
    if (rendered.text !== text) replaced.set(channel, { text: rendered.text, offsets: createOffsetMap({ before: text, after: rendered.text }) });
  }
  return { kind: "allowed", body: replaced.size > 0 ? surface.withBodyTexts(body, replaced) : body, outcome: outcome() };
}
