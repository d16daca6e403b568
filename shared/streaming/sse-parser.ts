// Incremental Server-Sent Events parser over bytes (WHATWG "event stream interpretation"), written by hand because
// the stream screener feeds it every upstream chunk: no per-line allocations beyond the field values, no dependency.
// Handles \n, \r\n and \r line ends (also a \r\n split across chunks), multi-line data, comments, a leading BOM,
// and UTF-8 characters split between chunks (TextDecoder in stream mode keeps the partial bytes). An event, or a line
// that never ends, is bounded: past `maxEventChars` the parser throws instead of buffering without limit.
import { MAX_ANSWER_BYTES } from "../providers/answer-limit";

export interface SseEvent {
  /** The `event:` field; absent for the default "message" type. */
  event?: string;
  /** The `data:` lines joined with "\n" ("" when the event had only an `event:` line). */
  data: string;
  id?: string;
  retry?: number;
}

export interface SseParserOptions {
  onEvent: (event: SseEvent) => void;
  /** Most characters one event (its unterminated line included) may reach; past it `feed` throws SseEventTooLarge.
   *  Default MAX_ANSWER_BYTES: one event is never allowed more than a whole answer. */
  maxEventChars?: number;
  /** Comment lines (`: keep-alive`), without the colon; ignored when not given. */
  onComment?: (text: string) => void;
}

export interface SseParser {
  /** Feeds raw bytes (or already-decoded text); events complete in this chunk are reported synchronously. */
  feed(chunk: Uint8Array | string): void;
  /** Ends the stream: flushes a partial UTF-8 sequence; an event without its blank line is NOT dispatched (spec). */
  end(): void;
}

const LF = 10;
const CR = 13;

/** An upstream event (or line) grew past the parser's bound: a stream that never ends its event is not buffered. */
export class SseEventTooLarge extends Error {
  constructor(readonly maxEventChars: number) {
    super(`an upstream event is longer than ${maxEventChars} characters`);
    this.name = "SseEventTooLarge";
  }
}

export function createSseParser(options: SseParserOptions): SseParser {
  const { onEvent, onComment, maxEventChars = MAX_ANSWER_BYTES } = options;
  const decoder = new TextDecoder("utf-8");
  let pending = ""; // an unterminated line carried to the next chunk
  let skipLeadingLf = false; // the previous chunk ended with \r: a \n opening this one belongs to it
  let dataLines: string[] = [];
  let dataChars = 0;
  let eventName: string | undefined;
  let id: string | undefined;
  let retry: number | undefined;

  function dispatch(): void {
    // The spec skips events with no data; we also pass on `event:`-only events so nothing is lost in pass-through.
    if (dataLines.length === 0 && eventName === undefined) return;
    const event: SseEvent = { data: dataLines.length === 1 ? dataLines[0] : dataLines.join("\n") };
    if (eventName !== undefined) event.event = eventName;
    if (id !== undefined) event.id = id;
    if (retry !== undefined) event.retry = retry;
    dataLines = [];
    dataChars = 0;
    eventName = undefined;
    retry = undefined; // id persists per spec only as "last event id"; we report it on the event that set it
    id = undefined;
    onEvent(event);
  }

  function processLine(line: string): void {
    if (line.length === 0) return dispatch();
    const colon = line.indexOf(":");
    if (colon === 0) {
      onComment?.(line.charCodeAt(1) === 32 ? line.slice(2) : line.slice(1));
      return;
    }
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case "data":
        dataChars += value.length;
        if (dataChars > maxEventChars) throw new SseEventTooLarge(maxEventChars);
        dataLines.push(value);
        break;
      case "event":
        eventName = value;
        break;
      case "id":
        if (!value.includes("\u0000")) id = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored (spec)
    }
  }

  function processText(text: string): void {
    let start = 0;
    if (skipLeadingLf && text.charCodeAt(0) === LF) start = 1;
    skipLeadingLf = false;
    const length = text.length;
    // Cache the next \r position: most streams never contain one, so this avoids rescanning per line.
    let nextCr = text.indexOf("\r", start);
    let nextLf = text.indexOf("\n", start);
    while (start < length) {
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf("\r", start);
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf("\n", start);
      let end: number;
      if (nextLf === -1 && nextCr === -1) break;
      if (nextCr === -1 || (nextLf !== -1 && nextLf < nextCr)) end = nextLf;
      else end = nextCr;
      const lineStart = start;
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === length) skipLeadingLf = true;
        start = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
      if (pending.length > 0) {
        const line = pending + text.slice(lineStart, end);
        pending = "";
        processLine(line);
      } else {
        processLine(text.slice(lineStart, end));
      }
    }
    if (start < length) pending += text.slice(start);
    if (pending.length + dataChars > maxEventChars) throw new SseEventTooLarge(maxEventChars);
  }

  return {
    feed(chunk) {
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text.length > 0) processText(text);
    },
    end() {
      const rest = decoder.decode();
      if (rest.length > 0) processText(rest);
      pending = "";
    },
  };
}

/** Parses a whole SSE body at once (tests, non-streamed fallbacks). */
export function parseSseText(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser({ onEvent: (event) => events.push(event) });
  parser.feed(text);
  parser.end();
  return events;
}
