// Output screening of the provider's answer, streamed or whole, with the same detectors and the tenant's output
// policy: placeholders redacted from the prompt are restored first (deanonymise), then the answer is screened; what
// the output policy redacts gets a non-restorable marker. Streams are screened as they flow (shared/streaming).
import { anthropicMessagesSurface, createStreamScreener, openAiChatSurface, openAiResponsesSurface, screenCompletionBody, type ScreenFn, type StreamOutcome, type StreamSurface, type VerbatimForm } from "../../../shared/streaming";
import { screenText } from "../../../shared/screening/engine/screen-text";
import type { Surface } from "../../../shared/providers/types";
import type { AppVariables } from "../../app-env";
import { auditFindings } from "../../middleware/screen-prompt/audit-findings";
import { strictest } from "../../../shared/policy/schema";

/** The SSE/JSON dialect of each surface's answers; embeddings answers carry no text to screen. */
export const ANSWER_SURFACES: Partial<Record<Surface, StreamSurface>> = {
  chat: openAiChatSurface,
  responses: openAiResponsesSurface,
  messages: anthropicMessagesSurface,
};

const redactMarker = ({ type }: { type: string }) => `[REDACTED_${type.toUpperCase()}]`;

export type ScreeningContext = Pick<AppVariables, "deps" | "caller" | "vault" | "systemPrompt" | "audit"> & {
  /** Runs work after the response (waitUntil), never delaying it. */
  background: (work: Promise<unknown>) => void;
};

/** The delivered-answer store, when this tenant's policy recognises resent answers. */
function deliveredAnswersFor(context: ScreeningContext) {
  return context.caller!.policy.resentAnswers === "delivered" ? context.deps.deliveredAnswers : undefined;
}

/**
 * Remembers, after the response, the texts of an answer the client got whole (a blocked one is never remembered);
 * `texts` is read only when the tenant's policy recognises resent answers.
 */
function rememberDelivered(context: ScreeningContext, texts: () => readonly string[]): void {
  const store = deliveredAnswersFor(context);
  const words = store ? texts() : [];
  if (words.length > 0) context.background(store!.remember({ tenant: context.caller!.tenant.id, texts: words }));
}

function outputScreen(context: ScreeningContext, signal: AbortSignal): ScreenFn {
  const { deps, caller, systemPrompt } = context;
  // The caller's own redacted values come back restored; echoing them to the same caller is not a leak.
  const ownValues = new Set(context.vault?.entries().map((entry) => entry.value));
  return async (text, window) => {
    const result = await screenText({ text, direction: "output", policy: caller!.policy, detectors: deps.detectors, systemPrompt, signal, ownValues, ...window });
    return { action: result.action, spans: result.redactSpans, findings: result.findings };
  };
}

/** Puts back the values the prompt's redaction replaced. (Returned, not declared: keepNames, docs/performance.md.) */
function restorer(context: ScreeningContext): (text: string) => string {
  return (text) => context.vault?.restore(text) ?? text;
}

function recordOutcome(
  context: ScreeningContext,
  outcome: Pick<StreamOutcome, "action" | "findings" | "usage" | "keptVerbatim">,
): void {
  const { audit } = context;
  auditFindings({ audit, direction: "output", findings: outcome.findings, shadowFindings: [] });
  for (const entry of new Set(outcome.keptVerbatim.map((form) => KEPT_VERBATIM[form]))) audit.failOpen.push(entry);
  const before = audit.action === undefined || audit.action === "error" ? "allow" : audit.action;
  audit.action = strictest(before, outcome.action);
  if (outcome.usage) audit.tokens = { input: outcome.usage.input_tokens, output: outcome.usage.output_tokens };
}

/** The audit's name for each kind of never-rewritten text let through unredacted (policy verbatimText "flag"). */
const KEPT_VERBATIM: Record<VerbatimForm, string> = {
  signed: "output:signed_text_not_redacted",
  json: "output:tool_arguments_not_redacted",
  raw: "output:tool_arguments_not_redacted",
};

/** Screens a whole answer: the (possibly redacted) JSON text to send, or the dialect's error body when blocked. */
export async function screenWholeAnswer(options: { context: ScreeningContext; surface: StreamSurface; text: string; signal: AbortSignal }): Promise<{ outcome: "allowed" | "blocked" | "unreadable"; text: string }> {
  const started = performance.now();
  let body: unknown;
  try {
    body = JSON.parse(options.text);
  } catch {
    // An answer we cannot read is an answer we cannot screen: never relay it (fail closed).
    return { outcome: "unreadable", text: "" };
  }
  const screened = await screenCompletionBody({
    surface: options.surface,
    body,
    screen: outputScreen(options.context, options.signal),
    restore: restorer(options.context),
    redact: redactMarker,
    verbatimText: options.context.caller!.policy.verbatimText,
  });
  recordOutcome(options.context, screened.outcome);
  options.context.audit.latencyMs.outputScreen = performance.now() - started;
  if (screened.kind === "allowed") {
    const sent = screened.body;
    rememberDelivered(options.context, () => options.surface.bodyTexts(sent).flatMap((part) => ((part.form ?? "text") === "text" ? [part.text] : [])));
    // Nothing replaced (the common case): relay the provider's own bytes instead of re-serialising the same JSON.
    return { outcome: "allowed", text: screened.body === body ? options.text : JSON.stringify(screened.body) };
  }
  return { outcome: "blocked", text: JSON.stringify(screened.errorBody) };
}

/** Screens a stream as it flows; `done` settles when it ends however it ends (for the audit record and token settle). */
export function screenStreamedAnswer(options: {
  context: ScreeningContext;
  surface: StreamSurface;
  source: ReadableStream<Uint8Array>;
  hideUsageChunk: boolean;
  signal: AbortSignal;
}): { body: ReadableStream<Uint8Array>; done: Promise<void> } {
  const { context } = options;
  const screener = createStreamScreener({
    surface: options.surface,
    screen: outputScreen(context, options.signal),
    restore: restorer(context),
    redact: redactMarker,
    verbatimText: context.caller!.policy.verbatimText,
    mode: context.caller!.policy.streaming.mode,
    holdWords: context.caller!.policy.streaming.holdWords,
    hideUsageChunk: options.hideUsageChunk,
    keepDeliveredTexts: deliveredAnswersFor(context) !== undefined,
  });
  const body = screener.relay(options.source);
  const done = screener.outcome.then((outcome) => {
    recordOutcome(context, outcome);
    if (outcome.deliveredTexts) rememberDelivered(context, () => outcome.deliveredTexts!);
    context.audit.streamOutcome = STREAM_ENDS[outcome.end];
  });
  return { body, done };
}

const STREAM_ENDS: Record<StreamOutcome["end"], "completed" | "blocked" | "client_disconnected" | "upstream_error"> = {
  completed: "completed",
  blocked: "blocked",
  screen_error: "blocked",
  upstream_error: "upstream_error",
  client_cancelled: "client_disconnected",
};
