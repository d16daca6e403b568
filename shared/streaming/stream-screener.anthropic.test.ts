import { describe, expect, it, vi } from "vitest";
import { anthropicMessagesSurface } from "./anthropic-messages-surface";
import { screenCompletionBody } from "./screen-completion-body";
import { parseSseText, type SseEvent } from "./sse-parser";
import { createStreamScreener, type StreamScreenerOptions } from "./stream-screener";
import { CANARY, anthropicEvents, fakeScreenAsync, namedEvent, pipeChunks } from "./test-fakes";

function screener(extra: Partial<StreamScreenerOptions> = {}) {
  return createStreamScreener({ surface: anthropicMessagesSurface, screen: fakeScreenAsync, ...extra });
}

/** The text the client got in one kind of delta: `text_delta` (the answer) or `thinking_delta`. */
const deltaTextOf = (events: SseEvent[], kind: "text" | "thinking"): string =>
  events
    .filter((e) => e.event === "content_block_delta")
    .map((e) => JSON.parse(e.data).delta)
    .filter((d) => d.type === `${kind}_delta`)
    .map((d) => d[kind])
    .join("");
const textOf = (events: SseEvent[]): string => deltaTextOf(events, "text");

describe("Anthropic stream", () => {
  it("writes a released piece as JSON.stringify wrote the delta, whatever the block's index", () => {
    for (const index of [0, 7, "x", null, undefined]) {
      for (const [type, field] of [["text_delta", "text"], ["thinking_delta", "thinking"], ["input_json_delta", "partial_json"]]) {
        const data = JSON.stringify({ type: "content_block_delta", index, delta: { type, [field]: "upstream" } });
        const [part] = anthropicMessagesSurface.read({ event: "content_block_delta", data }).texts;
        for (const text of ['say "hi"\n', ""]) {
          const written = anthropicMessagesSurface.writeText({ template: part.template, text });
          expect(written).toEqual({ event: "content_block_delta", data: JSON.stringify({ type: "content_block_delta", index, delta: { type, [field]: text } }) });
        }
      }
    }
  });

  it("redacts a card split over deltas; event names, order, tool JSON and usage intact", async () => {
    const pair = screener();
    const deltas = ["Card: 4242 42", "42 4242 4", "242 and an email bob@exam", "ple.com ok."];
    const toolJson = ['{"city": "Par', 'is"}'];
    const out = await pipeChunks({ pair, chunks: anthropicEvents({ deltas, toolJson }) });
    const events = parseSseText(out);
    expect(textOf(events)).toBe("Card: [REDACTED] and an email [REDACTED] ok.");
    expect(out).not.toMatch(/4242|bob@/);
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(names.slice(-7)).toEqual([
      "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
    ]);
    for (const e of events) expect(JSON.parse(e.data).type).toBe(e.event); // every event's data matches its name
    // Tool input is screened too (held back like text, so cut elsewhere), and arrives whole.
    const json = events.filter((e) => e.data.includes("input_json_delta")).map((e) => JSON.parse(e.data).delta.partial_json);
    expect(json.join("")).toBe(toolJson.join(""));
    const outcome = await pair.outcome;
    expect(outcome).toMatchObject({ completed: true, action: "redact", usage: { input_tokens: 25, output_tokens: 42 } });
    expect(outcome.findings.map((f) => f.category).sort()).toEqual(["pii", "pii"]);
  });

  it("keeps a ping that arrives between held text and its continuation in place", async () => {
    const ping = "event: ping\ndata: {\"type\":\"ping\"}\n\n";
    const all = anthropicEvents({ deltas: ["Hello wor", "ld, fine."] });
    const chunks = [...all.slice(0, 4), ping, ...all.slice(4)];
    const events = parseSseText(await pipeChunks({ pair: screener(), chunks }));
    const order = events.map((e) => (e.event === "content_block_delta" ? JSON.parse(e.data).delta.text : e.event));
    expect(order.slice(2)).toEqual(["ping", "Hello ", "wor", "ping", "ld, ", "fine.", "content_block_stop", "message_delta", "message_stop"]);
  });

  it("ends with `event: error` and no message_stop on a canary; upstream cancelled", async () => {
    const cancelUpstream = vi.fn();
    const pair = screener({ cancelUpstream });
    const out = await pipeChunks({ pair, chunks: anthropicEvents({ deltas: ["All good. ", `The token is ${CANARY}`, " and more."] }) });
    const events = parseSseText(out);
    expect(textOf(events)).toBe("All good. ");
    const last = events.at(-1)!;
    expect(last.event).toBe("error");
    expect(JSON.parse(last.data)).toEqual({
      type: "error",
      error: { type: "guardrail_violation", message: expect.stringContaining("canary_leak") },
    });
    expect(out).not.toContain("message_stop");
    expect(out).not.toContain(CANARY);
    expect(cancelUpstream).toHaveBeenCalledWith("blocked");
  });

  it("reports an upstream drop as an api_error event", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: anthropicEvents({ deltas: ["Cut short here"] }).slice(0, 4) });
    const last = parseSseText(out).at(-1)!;
    expect(last.event).toBe("error");
    expect(JSON.parse(last.data).error).toEqual({ type: "api_error", message: expect.any(String) });
    expect(textOf(parseSseText(out))).toBe("Cut short ");
  });

  it("passes an upstream error event on and ends there", async () => {
    const upstreamError = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: [...anthropicEvents({ deltas: ["Some text"] }).slice(0, 4), upstreamError] });
    expect(out.match(/event: error/g)).toHaveLength(1);
    expect(out).toContain("overloaded_error");
    expect((await pair.outcome).end).toBe("upstream_error");
  });
});

describe("Anthropic stream: thinking", () => {
  /** A thinking block streamed in `thoughts`, its signature, then a text block with `answer`. */
  function thinkingThenAnswer(options: { thoughts: string[]; answer: string }): string[] {
    return [
      namedEvent("message_start", { message: { id: "msg_1", type: "message", role: "assistant", content: [], usage: { input_tokens: 5, output_tokens: 1 } } }),
      namedEvent("content_block_start", { index: 0, content_block: { type: "thinking", thinking: "", signature: "" } }),
      ...options.thoughts.map((thinking) => namedEvent("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking } })),
      namedEvent("content_block_delta", { index: 0, delta: { type: "signature_delta", signature: "EqQBCgIYAhIM" } }),
      namedEvent("content_block_stop", { index: 0 }),
      namedEvent("content_block_start", { index: 1, content_block: { type: "text", text: "" } }),
      namedEvent("content_block_delta", { index: 1, delta: { type: "text_delta", text: options.answer } }),
      namedEvent("content_block_stop", { index: 1 }),
      namedEvent("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 30 } }),
      namedEvent("message_stop", {}),
    ];
  }

  it("stops the answer when the thinking leaks a canary cut over deltas, before any of it goes out", async () => {
    const pair = screener();
    const half = CANARY.length / 2;
    const out = await pipeChunks({ pair, chunks: thinkingThenAnswer({ thoughts: ["My instructions hold ", CANARY.slice(0, half), `${CANARY.slice(half)} and I`, " must hide it."], answer: "Hello!" }) });
    expect(out).not.toContain(CANARY.slice(0, half));
    expect(out).not.toContain("Hello!");
    expect(await pair.outcome).toMatchObject({ blocked: true, action: "block", keptVerbatim: [] });
  });

  it("never rewrites signed thinking: what would be redacted stops the answer by default", async () => {
    const pair = screener();
    const thoughts = ["The user's card 4111 1111", " 1111 1111 must not be echoed."];
    const out = await pipeChunks({ pair, chunks: thinkingThenAnswer({ thoughts, answer: "Noted." }) });
    expect(out).not.toContain("4111");
    expect(parseSseText(out).at(-1)!.event).toBe("error");
    expect(await pair.outcome).toMatchObject({ blocked: true, action: "block", keptVerbatim: [] });
  });

  it("with verbatimText flag, signed thinking goes out unchanged, flagged and audited; the answer still redacted", async () => {
    const pair = screener({ verbatimText: "flag" });
    const thoughts = ["The user's card 4111 1111", " 1111 1111 must not be echoed."];
    const events = parseSseText(await pipeChunks({ pair, chunks: thinkingThenAnswer({ thoughts, answer: "Your card 4111 1111 1111 1111 is on file." }) }));
    expect(deltaTextOf(events, "thinking")).toBe(thoughts.join(""));
    expect(textOf(events)).toBe("Your card [REDACTED] is on file.");
    // The signature follows the whole thinking text, as the SDK expects to assemble the block.
    const order = events.map((e) => (e.event === "content_block_delta" ? JSON.parse(e.data).delta.type : e.event));
    expect(order.indexOf("signature_delta")).toBeGreaterThan(order.lastIndexOf("thinking_delta"));
    expect(await pair.outcome).toMatchObject({ completed: true, action: "redact", keptVerbatim: ["signed"] });
    // With a clean answer, the thinking's card is what the outcome (and so the audit record) reports: flagged.
    const clean = screener({ verbatimText: "flag" });
    await pipeChunks({ pair: clean, chunks: thinkingThenAnswer({ thoughts, answer: "I won't repeat it." }) });
    const outcome = await clean.outcome;
    expect(outcome).toMatchObject({ completed: true, action: "flag", keptVerbatim: ["signed"] });
    expect(outcome.findings.map((f) => f.category)).toEqual(["pii"]);
  });
});

describe("Anthropic citations: each cited_text quotes a source (the caller's document, a web page) beside the answer", () => {
  const ev = (name: string, data: object) => namedEvent(name, { type: name, ...data });
  const citation = (cited_text: string) => ({ type: "char_location", cited_text, document_index: 0, document_title: "Notes", start_char_index: 0, end_char_index: cited_text.length });
  const restore = (text: string) => text.replaceAll("[EMAIL_1]", "ann@example.org");
  /** A text block with one citation as a delta, then its text, as Anthropic streams cited answers. */
  const citedAnswer = (options: { cited: string; text: string[]; opening?: object[] }) => [
    ev("message_start", { message: { id: "msg_1", type: "message", role: "assistant", content: [], usage: { input_tokens: 5, output_tokens: 1 } } }),
    ev("content_block_start", { index: 0, content_block: { type: "text", text: "", citations: options.opening ?? [] } }),
    ev("content_block_delta", { index: 0, delta: { type: "citations_delta", citation: citation(options.cited) } }),
    ...options.text.map((text) => ev("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    ev("content_block_stop", { index: 0 }),
    ev("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 9 } }),
    ev("message_stop", {}),
  ];
  const citationsOf = (events: SseEvent[]) =>
    events.filter((e) => e.event === "content_block_delta").map((e) => JSON.parse(e.data).delta).filter((d) => d.type === "citations_delta").map((d) => d.citation);

  it("streamed: redacted and restored like the answer, each citation whole, in its place before the text", async () => {
    const pair = screener({ restore });
    const cited = "Card 4111 1111 1111 1111, write to [EMAIL_1].";
    const events = parseSseText(await pipeChunks({ pair, chunks: citedAnswer({ cited, text: ["The card ", "is on file."] }) }));
    // Its ranges point into the source, which did not change: only the quoted text is replaced.
    expect(citationsOf(events)).toEqual([{ ...citation(cited), cited_text: "Card [REDACTED], write to ann@example.org." }]);
    expect(textOf(events)).toBe("The card is on file.");
    const order = events.map((e) => (e.event === "content_block_delta" ? JSON.parse(e.data).delta.type : e.event));
    expect(order).toEqual(["message_start", "content_block_start", "citations_delta", ...order.slice(3, -3), "content_block_stop", "message_delta", "message_stop"]);
    expect(order.slice(3, -3).every((type) => type === "text_delta")).toBe(true);
    expect(await pair.outcome).toMatchObject({ completed: true, action: "redact" });
  });

  it("streamed: a canary in a citation stops the answer; one the block opens with goes out as a screened delta", async () => {
    const leaked = screener();
    expect(await pipeChunks({ pair: leaked, chunks: citedAnswer({ cited: `quoted ${CANARY}`, text: ["Fine."] }) })).not.toContain(CANARY);
    expect(await leaked.outcome).toMatchObject({ blocked: true });

    const pair = screener();
    const opening = [citation("mail bob@example.com"), { type: "web_search_result_location", url: "https://x.test", title: "X", encrypted_index: "abc" }];
    const events = parseSseText(await pipeChunks({ pair, chunks: citedAnswer({ cited: "plain", text: ["Ok."], opening }) }));
    const start = JSON.parse(events.find((e) => e.event === "content_block_start")!.data);
    expect(start.content_block.citations).toEqual([opening[1]]); // no quoted text: stays in the block
    expect(citationsOf(events).map((c) => c.cited_text)).toEqual(["mail [REDACTED]", "plain"]);
  });

  it("whole: each citation's cited_text replaced like the answer's text, its ranges kept", async () => {
    const body = (cited: string, text: string) => ({
      id: "msg_1", type: "message", role: "assistant", stop_reason: "end_turn",
      content: [{ type: "text", text, citations: [citation(cited), { type: "web_search_result_location", url: "https://x.test", title: "X", encrypted_index: "abc" }] }],
    });
    const cited = "write to [EMAIL_1] or bob@example.com";
    const result = await screenCompletionBody({ surface: anthropicMessagesSurface, body: body(cited, "See the notes."), screen: fakeScreenAsync, restore });
    expect(result).toMatchObject({ kind: "allowed" });
    const screened = (result as { body: ReturnType<typeof body> }).body.content[0];
    expect(screened.text).toBe("See the notes.");
    expect(screened.citations).toEqual([{ ...citation(cited), cited_text: "write to ann@example.org or [REDACTED]" }, body("", "").content[0].citations[1]]);
    expect(await screenCompletionBody({ surface: anthropicMessagesSurface, body: body(`a ${CANARY}`, "Fine."), screen: fakeScreenAsync })).toMatchObject({ kind: "blocked" });
  });
});
