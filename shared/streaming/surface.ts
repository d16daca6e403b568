// What a streaming API dialect looks like to the screener, as data plus small typed transforms. Generic code
// (stream-screener.ts, screen-completion-body.ts) only calls these; it never asks which provider it talks to.
import type { SseEvent } from "./sse-parser";
import type { OffsetMap } from "./offset-map";

/** Token counts as the audit record wants them, whatever the dialect calls them. */
export interface StreamUsage {
  input_tokens?: number;
  output_tokens?: number;
}

/**
 * How a screened text may be rewritten on its way to the client:
 * - "text" (default): words people read; what the policy redacts becomes a marker, prompt placeholders are restored;
 * - "signed": signed text the client sends back (Anthropic thinking): never rewritten;
 * - "json": JSON the client's code parses (tool-call arguments): only placeholders are restored, escaped for a JSON
 *   string; a marker cut into it could break an escape sequence, so it is never redacted;
 * - "raw": a tool's free-form input (OpenAI custom tools), read by code too: placeholders restored, never redacted.
 * Text that is not redacted is still screened: a block stops the answer, and what the policy would redact is decided
 * by its `verbatimText` rule.
 */
export type TextForm = "text" | "signed" | "json" | "raw";

/** One piece of screened text inside an event: `channel` keys the text it continues (a choice, a content block). */
export interface TextPart {
  channel: string;
  text: string;
  /** The surface's own memo of the event's shape (ids, model, index), handed back to `writeText`; or EMBEDDED_TEXT. */
  template: unknown;
  form?: TextForm;
}

/**
 * The template of a text that arrives whole inside an event and goes out inside it, never as a delta of its own (a
 * web page's title in a citation, a tool result in a Responses item's `done`): the event is the read's `rest`, and
 * withReleasedTexts writes the text as released into it. Its channel closes in the same read, so the rest waits for it.
 */
export const EMBEDDED_TEXT: unknown = Object.freeze({ embedded: true });

/** How the screener must treat one upstream event. */
export interface SurfaceRead {
  /** Text deltas the event carries, in order. Empty for events with no screened text. */
  texts: readonly TextPart[];
  /**
   * What is left of the event once its text is taken out (role, tool calls, finish reason, usage, or the whole event
   * when it carries no text); null when nothing is left. Passed on unchanged in content and order.
   */
  rest: SseEvent | null;
  /** Whether `rest` goes out before the event's text (it opens something, e.g. a role) or after it (it closes). */
  restPosition: "before" | "after";
  /**
   * Channels this event ends (a key ends its sub-channels `key:…` too): their held-back text is screened as final and
   * flushed before `rest`.
   */
  closes: readonly string[] | "all";
  /** The event ends the stream normally (`[DONE]`, `message_stop`). */
  terminal: boolean;
  /** The upstream reported an error in-band: held text is dropped, `rest` passed on, and the stream ends. */
  upstreamError: boolean;
  /** Token counts the event reports; later reports overwrite earlier fields. */
  usage?: StreamUsage;
  /** The event carries only usage (OpenAI's `choices: []` chunk), so it may be hidden from the client. */
  usageOnly: boolean;
  /** `rest` repeats answer text (Responses' `*.done` events) or cites it by offset: it goes out through `withReleasedTexts`. */
  embedsTexts: boolean;
  /** What the same event does next, once this part is done (a tool call's header goes out before its arguments). */
  then?: SurfaceRead;
}

export interface StreamErrorInfo {
  /** "guardrail_violation" for a blocked answer, "api_error" for an upstream failure. */
  type: string;
  /** "output_blocked" or "upstream_error". */
  code: string;
  message: string;
}

export interface BodyText {
  channel: string;
  text: string;
  form?: TextForm;
}

/** A channel's text as screening left it, and where the original's offsets land in it. */
export interface ScreenedText {
  text: string;
  offsets: OffsetMap;
}

export interface StreamSurface {
  /** Short label for logs and audit ("openai-chat", "anthropic-messages"). */
  readonly id: string;
  /** Classifies an upstream event. Must not throw: unparseable events are passed on whole. */
  read(event: SseEvent): SurfaceRead;
  /**
   * A text delta in the dialect's own shape, copied from `template` (taken from an event of the same channel). Never
   * called for EMBEDDED_TEXT.
   */
  writeText(options: { template: unknown; text: string }): SseEvent;
  /**
   * `event` with every answer text it repeats replaced by the text released on that channel so far (redacted and
   * restored as the client got it), and every offset it holds into that text moved to match. Only dialects whose
   * events repeat text or cite it by offset (SurfaceRead.embedsTexts) have it.
   */
  withReleasedTexts?(event: SseEvent, released: ReadonlyMap<string, ScreenedText>): SseEvent;
  /** The terminal error event; the stream ends right after it (no normal terminal event follows). */
  errorEvent(error: StreamErrorInfo): SseEvent;
  /** The same error as a non-streamed JSON error body. */
  errorBody(error: StreamErrorInfo): unknown;
  /** Screened texts of a whole (non-streamed) JSON answer. */
  bodyTexts(body: unknown): BodyText[];
  /**
   * A copy of `body` with the given channels' texts replaced; whatever points into a replaced text by offset (a
   * citation's range) is moved with `offsets`.
   */
  withBodyTexts(body: unknown, texts: ReadonlyMap<string, ScreenedText>): unknown;
  /** Token counts of a whole JSON answer. */
  bodyUsage(body: unknown): StreamUsage | undefined;
}

const NONE: readonly never[] = [];

/** A SurfaceRead with defaults for what is not given; one fixed object shape keeps the hot path monomorphic. */
export function surfaceRead(fields: Partial<SurfaceRead> & { rest: SurfaceRead["rest"] }): SurfaceRead {
  return {
    texts: fields.texts ?? NONE,
    rest: fields.rest,
    restPosition: fields.restPosition ?? "after",
    closes: fields.closes ?? NONE,
    terminal: fields.terminal ?? false,
    upstreamError: fields.upstreamError ?? false,
    usage: fields.usage,
    usageOnly: fields.usageOnly ?? false,
    embedsTexts: fields.embedsTexts ?? false,
    then: fields.then,
  };
}

/** The open channels a read's `closes` names: each named key with its sub-channels (`key:…`). */
export function channelsClosedBy(options: { open: Iterable<string>; closes: SurfaceRead["closes"] }): string[] {
  const { closes } = options;
  if (closes === "all") return [...options.open];
  const closing: string[] = [];
  if (closes.length === 0) return closing;
  for (const key of options.open) {
    if (closes.some((named) => key === named || (key.startsWith(named) && key.charCodeAt(named.length) === 58 /* : */))) closing.push(key);
  }
  return closing;
}

/** Parses event data as a JSON object; null for anything else (the event is then passed on untouched). */
export function parseJsonObject(data: string): Record<string, unknown> | null {
  if (data.length === 0 || data.charCodeAt(0) !== 123 /* { */) return null;
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function finiteNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
