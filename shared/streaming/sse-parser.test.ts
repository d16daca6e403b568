import { describe, expect, it } from "vitest";
import { createSseParser, parseSseText, SseEventTooLarge, type SseEvent } from "./sse-parser";
import { serialiseSseEvent } from "./sse-serialiser";

function parseChunks(chunks: (string | Uint8Array)[]): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const parser = createSseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) });
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return { events, comments };
}

describe("SSE parser: line endings and fields", () => {
  it("reads LF, CRLF and CR line ends alike", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = `event: a${eol}data: one${eol}${eol}data: two${eol}${eol}`;
      expect(parseSseText(text)).toEqual([{ event: "a", data: "one" }, { data: "two" }]);
    }
  });

  it("joins multi-line data with \\n, strips exactly one leading space, keeps id and retry", () => {
    const events = parseSseText("id: 7\nretry: 1500\ndata:  two spaces\ndata:x\ndata\n\n");
    expect(events).toEqual([{ data: " two spaces\nx\n", id: "7", retry: 1500 }]);
  });

  it("reports comments separately and ignores unknown fields", () => {
    const { events, comments } = parseChunks([": keep-alive\nfoo: bar\ndata: {}\n\n:OPENROUTER PROCESSING\n\n"]);
    expect(events).toEqual([{ data: "{}" }]);
    expect(comments).toEqual(["keep-alive", "OPENROUTER PROCESSING"]);
  });

  it("does not dispatch an event whose blank line never came", () => {
    expect(parseSseText("data: complete\n\ndata: cut off")).toEqual([{ data: "complete" }]);
  });

  it("drops a leading UTF-8 BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("data: x\n\n")]);
    expect(parseChunks([bytes]).events).toEqual([{ data: "x" }]);
  });
});

describe("SSE parser: chunk boundaries", () => {
  const body = 'event: content_block_delta\r\ndata: {"text":"héllo 世界 🙂"}\r\n\r\n: ping\r\ndata: a\rdata: b\r\rdata: [DONE]\n\n';
  const bytes = new TextEncoder().encode(body);
  const expected = parseChunks([bytes]);

  it("gives the same events for a split at every byte (inside CRLF and multi-byte characters too)", () => {
    expect(expected.events).toHaveLength(3);
    expect(expected.events[0].data).toBe('{"text":"héllo 世界 🙂"}');
    for (let i = 0; i <= bytes.length; i++) {
      expect(parseChunks([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(expected);
    }
  });

  it("gives the same events when fed one byte at a time", () => {
    const singles = Array.from(bytes, (b) => new Uint8Array([b]));
    expect(parseChunks(singles)).toEqual(expected);
  });
});

describe("SSE serialiser", () => {
  it("round-trips through the parser, multi-line data included", () => {
    const events: SseEvent[] = [{ event: "message_start", data: '{"a":1}' }, { data: "line1\nline2" }, { data: "" }, { data: "x", id: "9" }];
    const text = events.map(serialiseSseEvent).join("");
    expect(text.startsWith("event: message_start\ndata: {\"a\":1}\n\n")).toBe(true);
    expect(parseSseText(text)).toEqual(events);
  });
});

describe("SSE parser: bounded events", () => {
  const bounded = (events: SseEvent[]) => createSseParser({ maxEventChars: 1_000, onEvent: (e) => events.push(e) });

  it("throws on a line that grows past the bound without ending, fed in small chunks", () => {
    const events: SseEvent[] = [];
    const parser = bounded(events);
    parser.feed("data: ok\n\n");
    expect(() => {
      for (let i = 0; i < 20; i++) parser.feed(`data: ${"x".repeat(100)}`);
    }).toThrow(SseEventTooLarge);
    expect(events).toEqual([{ data: "ok" }]);
  });

  it("throws on an event of many short lines past the bound, and passes events up to it", () => {
    const events: SseEvent[] = [];
    expect(() => bounded(events).feed(`${"data: 0123456789\n".repeat(101)}\n`)).toThrow(SseEventTooLarge);
    const fine: SseEvent[] = [];
    const parser = bounded(fine);
    for (let i = 0; i < 50; i++) parser.feed(`data: ${"y".repeat(900)}\n\n`);
    expect(fine).toHaveLength(50);
  });
});
