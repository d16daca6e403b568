// SSE serialiser: the inverse of sse-parser.ts, for events the screener writes back to the client.
import type { SseEvent } from "./sse-parser";

const LINE_BREAK = /\r\n|\r|\n/;

/** One event as wire text, ending with the blank line that dispatches it. Multi-line data becomes several `data:` lines. */
export function serialiseSseEvent(event: SseEvent): string {
  let out = "";
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.retry !== undefined) out += `retry: ${event.retry}\n`;
  const data = event.data;
  // Fast path: JSON payloads never contain raw line breaks.
  if (data.indexOf("\n") === -1 && data.indexOf("\r") === -1) {
    out += `data: ${data}\n`;
  } else {
    for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  }
  return out + "\n";
}

/** A comment line (keep-alive); never seen by SDKs, kept so intermediaries do not time the connection out. */
export function serialiseSseComment(text: string): string {
  return `: ${text}\n\n`;
}
