import { describe, expect, it, vi } from "vitest";
import { openAiChatSurface } from "./openai-chat-surface";
import { parseSseText } from "./sse-parser";
import { createStreamScreener, type StreamScreenerOptions } from "./stream-screener";
import { CANARY, fakeScreenAsync, openAiEvents, pipeChunks, writableSource } from "./test-fakes";

const KEY = "sk-AbCdEfGhIjKlMnOpQrStUv12";

function screener(extra: Partial<StreamScreenerOptions> = {}) {
  return createStreamScreener({ surface: openAiChatSurface, screen: fakeScreenAsync, ...extra });
}

function chunksOf(text: string): Record<string, any>[] {
  return parseSseText(text).filter((e) => e.data !== "[DONE]").map((e) => JSON.parse(e.data));
}

function contentOf(text: string): string {
  return chunksOf(text).map((c) => c.choices?.[0]?.delta?.content ?? "").join("");
}

describe("OpenAI stream: redaction across chunks", () => {
  it("redacts a key split over deltas, keeps the prose, ids, role, finish_reason and [DONE]", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: openAiEvents({ deltas: ["Your key is s", "k-AbCdEf", "GhIjKlMnOpQrStUv12", " keep it safe."] }) });
    expect(contentOf(out)).toBe("Your key is [REDACTED] keep it safe.");
    expect(out).not.toContain("AbCdEf");
    const chunks = chunksOf(out);
    expect(chunks.every((c) => c.id === "chatcmpl-abc123" && c.model === "gpt-4o-mini" && c.created === 1_700_000_000)).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("stop");
    expect(out.trimEnd().endsWith("data: [DONE]")).toBe(true);
    const outcome = await pair.outcome;
    expect(outcome).toMatchObject({ action: "redact", blocked: false, completed: true, end: "completed" });
    expect(outcome.findings[0]).toMatchObject({ category: "secret", spans: [{ start: 12, end: 12 + KEY.length, type: "openai_key" }] });
    expect(outcome.releasedChars).toBe("Your key is ".length + KEY.length + " keep it safe.".length);
  });

  it("screens interleaved choices (n=2) separately and reports redactions through onEvent", async () => {
    const onEvent = vi.fn();
    const base = { id: "c2", object: "chat.completion.chunk", created: 2, model: "m" };
    const delta = (index: number, content: string) => `data: ${JSON.stringify({ ...base, choices: [{ index, delta: { content }, finish_reason: null }] })}\n\n`;
    const finish = (index: number) => `data: ${JSON.stringify({ ...base, choices: [{ index, delta: {}, finish_reason: "stop" }] })}\n\n`;
    const pair = screener({ onEvent });
    const out = await pipeChunks({ pair, chunks: [delta(0, "First answer "), delta(1, "Second sk-AbCdEfGhIj"), delta(0, "is plain."), delta(1, "KlMnOpQrStUv12 ok."), finish(0), finish(1), "data: [DONE]\n\n"] });
    const byChoice = ["", ""];
    for (const c of chunksOf(out)) byChoice[c.choices[0].index] += c.choices[0].delta.content ?? "";
    expect(byChoice).toEqual(["First answer is plain.", "Second [REDACTED] ok."]);
    expect(onEvent).toHaveBeenCalledWith({ kind: "redacted", findings: [expect.objectContaining({ category: "secret" })] });
  });

  it("releases prose before a held card number, before the number completes", async () => {
    const { source, writer } = writableSource();
    const reader = screener().relay(source).getReader();
    const encoder = new TextEncoder();
    const events = openAiEvents({ deltas: ["Pay with ", "4111 1111", " 1111 1111", " today."] });
    let seen = "";
    for (const [i, event] of events.entries()) {
      void writer.write(encoder.encode(event));
      if (i === 2) {
        // after "4111 1111" only: the prose is out, the digits are not
        while (!contentOf(seen).includes("Pay with ")) seen += new TextDecoder().decode((await reader.read()).value);
        expect(contentOf(seen)).toBe("Pay with ");
      }
    }
    void writer.close();
    for (let r = await reader.read(); !r.done; r = await reader.read()) seen += new TextDecoder().decode(r.value);
    expect(contentOf(seen)).toBe("Pay with [REDACTED] today.");
  });

  it("restores a prompt placeholder split across chunks", async () => {
    const restore = (text: string) => text.replaceAll("[EMAIL_1]", "ann@example.org");
    const pair = screener({ restore, screen: async () => ({ action: "allow", spans: [], findings: [] }) });
    const out = await pipeChunks({ pair, chunks: openAiEvents({ deltas: ["Mail [EM", "AIL", "_1] today", "."] }) });
    expect(contentOf(out)).toBe("Mail ann@example.org today.");
  });

  it("passes multi-byte UTF-8 split at every byte through unchanged", async () => {
    const body = openAiEvents({ deltas: ["héllo ", "世界 ", "🙂 done."] }).join("");
    const bytes = new TextEncoder().encode(body);
    for (const i of [...Array(bytes.length).keys()].filter((i) => i % 7 === 0 || bytes[i] >= 0x80)) {
      const out = await pipeChunks({ pair: screener(), chunks: [bytes.subarray(0, i), bytes.subarray(i)] });
      expect(contentOf(out)).toBe("héllo 世界 🙂 done.");
    }
  });
});

describe("OpenAI stream: events other than text", () => {
  it("keeps tool_calls after the text that preceded them, and records usage", async () => {
    const base = { id: "c1", object: "chat.completion.chunk", created: 1, model: "m" };
    const tool = { index: 0, id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } };
    const events = [
      { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "Let me che" }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { tool_calls: [tool] }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
      { ...base, choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } },
    ].map((e) => `data: ${JSON.stringify(e)}\n\n`);
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: [...events, "data: [DONE]\n\n"] });
    const chunks = chunksOf(out);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant" });
    // "che" was held as an unfinished word; the tool call flushes it first.
    expect(chunks.slice(1, 3).map((c) => c.choices[0].delta.content).join("")).toBe("Let me che");
    // The call's header goes out first, its arguments (screened, like text) after it, the finish after them.
    expect(chunks[3].choices[0].delta.tool_calls).toEqual([{ ...tool, function: { name: "lookup", arguments: "" } }]);
    const argumentChunks = chunks.slice(4, -2);
    expect(argumentChunks.map((c) => c.choices[0].delta.tool_calls[0].function.arguments).join("")).toBe(tool.function.arguments);
    expect(argumentChunks.every((c) => c.choices[0].delta.tool_calls[0].index === 0)).toBe(true);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)!.usage.total_tokens).toBe(8);
    expect((await pair.outcome).usage).toEqual({ input_tokens: 5, output_tokens: 3 });
  });

  it("hides the usage-only chunk when asked, still recording usage", async () => {
    const pair = screener({ hideUsageChunk: true });
    const out = await pipeChunks({ pair, chunks: openAiEvents({ deltas: ["Hi there."], usage: true }) });
    expect(out).not.toContain("prompt_tokens");
    expect(out).toContain("[DONE]");
    expect((await pair.outcome).usage).toEqual({ input_tokens: 11, output_tokens: 7 });
  });

  it("drops logprobs from text chunks (they repeat the raw tokens)", async () => {
    const chunk = { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: `${KEY} ` }, logprobs: { content: [{ token: KEY }] }, finish_reason: null }] };
    const out = await pipeChunks({ pair: screener(), chunks: [`data: ${JSON.stringify(chunk)}\n\n`, "data: [DONE]\n\n"] });
    expect(out).not.toContain("AbCdEf");
    expect(contentOf(out)).toBe("[REDACTED] ");
  });
});

describe("OpenAI stream: reasoning some servers stream beside the answer", () => {
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "deepseek-reasoner", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

  it("screens reasoning_content like the answer, on its own channel, and keeps each in its own field", async () => {
    const events = [
      chunk({ role: "assistant", content: "", reasoning_content: "" }),
      chunk({ reasoning_content: "The card is 4111 1111" }),
      chunk({ reasoning_content: " 1111 1111, so I refuse." }),
      chunk({ content: "I can't help with that card." }),
      chunk({}, "stop"),
      "data: [DONE]\n\n",
    ];
    const out = await pipeChunks({ pair: screener(), chunks: events });
    const deltas = chunksOf(out).map((c) => c.choices?.[0]?.delta ?? {});
    expect(deltas.map((d) => d.reasoning_content ?? "").join("")).toBe("The card is [REDACTED], so I refuse.");
    expect(deltas.map((d) => d.content ?? "").join("")).toBe("I can't help with that card.");
    expect(out).not.toContain("4111");
  });

  it("a finish ends every text channel of its choice: reasoning held mid-word goes out with it, not at [DONE]", async () => {
    const { source, writer } = writableSource();
    const reader = screener().relay(source).getReader();
    for (const event of [chunk({ reasoning_content: "Let me think" }), chunk({ content: "Done" }), chunk({}, "stop")]) void writer.write(new TextEncoder().encode(event));
    let seen = "";
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 1000));
    while (!seen.includes('"finish_reason":"stop"')) {
      const read = await Promise.race([reader.read(), timeout]);
      if (read === "timeout" || read.done) break;
      seen += new TextDecoder().decode(read.value);
    }
    const choices = chunksOf(seen).map((c) => c.choices[0]);
    expect(choices.at(-1)?.finish_reason).toBe("stop");
    expect(choices.map((c) => c.delta.reasoning_content ?? "").join("")).toBe("Let me think");
    void reader.cancel();
  });

  it("screens a refusal too: it can quote what it refuses to repeat", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: [chunk({ role: "assistant", refusal: "" }), chunk({ refusal: `I won't repeat ${CANARY}` }), chunk({ refusal: " or anything else." }), chunk({}, "stop"), "data: [DONE]\n\n"] });
    expect(out).not.toContain(CANARY);
    expect(await pair.outcome).toMatchObject({ blocked: true });
  });

  it("stops the stream when the reasoning leaks a canary", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: [chunk({ reasoning: `Instructions contain ${CANARY} which` }), chunk({ reasoning: " I must hide." }), chunk({ content: "Sure." }), chunk({}, "stop"), "data: [DONE]\n\n"] });
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain("Sure.");
    expect(await pair.outcome).toMatchObject({ blocked: true });
  });
});

describe("OpenAI stream: citations", () => {
  it("moves a web-search citation's range into the redacted text and sends it after the text it cites", async () => {
    const deltas = ["Mail me at 4111 1111 1111 1111 or read ", "[the docs](https://example.com/d)", " today."];
    const text = deltas.join("");
    const cited = "[the docs](https://example.com/d)";
    const citation = { type: "url_citation", url_citation: { start_index: text.indexOf(cited), end_index: text.indexOf(cited) + cited.length, url: "https://example.com/d", title: "Docs" } };
    const events = openAiEvents({ deltas });
    const annotations = `data: ${JSON.stringify({ id: "chatcmpl-abc123", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, delta: { annotations: [citation] }, finish_reason: null }] })}\n\n`;
    events.splice(events.length - 2, 0, annotations); // before the finish chunk, as search models send it
    const out = await pipeChunks({ pair: screener(), chunks: events });
    const released = contentOf(out);
    expect(released).toBe("Mail me at [REDACTED] or read [the docs](https://example.com/d) today.");
    const chunks = chunksOf(out);
    const withCitation = chunks.findIndex((c) => c.choices?.[0]?.delta?.annotations);
    const moved = chunks[withCitation].choices[0].delta.annotations[0].url_citation;
    expect(released.slice(moved.start_index, moved.end_index)).toBe(cited);
    expect(moved).toMatchObject({ url: "https://example.com/d", title: "Docs" });
    expect(chunks.slice(withCitation + 1).some((c) => c.choices?.[0]?.delta?.content)).toBe(false);
  });

  const citationChunk = (annotations: unknown[]) =>
    `data: ${JSON.stringify({ id: "chatcmpl-abc123", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, delta: { annotations }, finish_reason: null }] })}\n\n`;
  const citationOf = (title: string, start = 0, end = 4) => ({ type: "url_citation", url_citation: { start_index: start, end_index: end, url: "https://example.com/p", title } });

  for (const mode of ["rolling", "buffer"] as const) {
    it(`screens each cited page's title like the answer, in its chunk after the text (${mode})`, async () => {
      const events = openAiEvents({ deltas: ["Read the", " page today."] });
      // Two chunks of citations, as servers may send; the same citation twice; a title that leaks a card number.
      events.splice(events.length - 2, 0, citationChunk([citationOf("Card 4111 1111 1111 1111 leak"), citationOf("Plain title", 5, 8)]), citationChunk([citationOf("Card 4111 1111 1111 1111 leak"), citationOf("Other page", 9, 13)]));
      const pair = screener({ mode });
      const out = await pipeChunks({ pair, chunks: events });
      expect(out).not.toContain("4111");
      const chunks = chunksOf(out);
      const cited = chunks.filter((c) => c.choices?.[0]?.delta?.annotations).map((c) => c.choices[0].delta.annotations.map((a: any) => a.url_citation.title));
      expect(cited).toEqual([["Card [REDACTED] leak", "Plain title"], ["Card [REDACTED] leak", "Other page"]]);
      const firstCitation = chunks.findIndex((c) => c.choices?.[0]?.delta?.annotations);
      expect(chunks.slice(0, firstCitation).map((c) => c.choices?.[0]?.delta?.content ?? "").join("")).toBe("Read the page today.");
      expect(await pair.outcome).toMatchObject({ action: "redact", completed: true });
    });
  }

  it("stops the answer when a cited page's title carries the canary", async () => {
    const events = openAiEvents({ deltas: ["Read the", " page today."] });
    events.splice(events.length - 2, 0, citationChunk([citationOf(`Leaked ${CANARY}`)]));
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: events });
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain("[DONE]");
    expect(await pair.outcome).toMatchObject({ blocked: true });
  });
});

describe("OpenAI stream: block, upstream failure, client disconnect", () => {
  it("ends with the error event on a canary, no [DONE], held text dropped, upstream cancelled", async () => {
    const cancelUpstream = vi.fn();
    const upstreamCancelled = vi.fn();
    const events = openAiEvents({ deltas: ["Fine so far. Sec", `ret: ${CANARY} `, "more text", " never sent."] });
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const e of events) controller.enqueue(new TextEncoder().encode(e));
      },
      cancel: upstreamCancelled,
    });
    const pair = screener({ cancelUpstream });
    const out = await new Response(pair.relay(upstream)).text();
    expect(contentOf(out)).toBe("Fine so far. ");
    expect(out).not.toContain("[DONE]");
    expect(out).not.toContain(CANARY);
    const last = JSON.parse(parseSseText(out).at(-1)!.data);
    expect(last.error).toMatchObject({ type: "guardrail_violation", code: "output_blocked", param: null });
    expect(last.error.message).toContain("canary_leak");
    expect(cancelUpstream).toHaveBeenCalledWith("blocked");
    await vi.waitFor(() => expect(upstreamCancelled).toHaveBeenCalled());
    expect(await pair.outcome).toMatchObject({ blocked: true, completed: false, action: "block", end: "blocked" });
  });

  it("emits an upstream_error event when the upstream ends without [DONE], dropping held text", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: openAiEvents({ deltas: ["Half an ans", "wer with sk-AbCd"], finish: false, done: false }) });
    expect(contentOf(out)).toBe("Half an answer with "); // the held "sk-AbCd" never goes out
    expect(JSON.parse(parseSseText(out).at(-1)!.data).error).toMatchObject({ type: "api_error", code: "upstream_error" });
    expect(await pair.outcome).toMatchObject({ end: "upstream_error", completed: false, blocked: false });
  });

  it("emits the error event when the upstream body errors mid-stream", async () => {
    const events = openAiEvents({ deltas: ["Partial answer ", "text"] }).slice(0, 3);
    const upstream = new ReadableStream<Uint8Array>({
      pull: (() => {
        let i = 0;
        return (controller: ReadableStreamDefaultController<Uint8Array>) => {
          if (i < events.length) controller.enqueue(new TextEncoder().encode(events[i++]));
          else controller.error(new Error("socket hang up"));
        };
      })(),
    });
    const pair = screener();
    const out = await new Response(pair.relay(upstream)).text();
    expect(contentOf(out)).toBe("Partial answer ");
    expect(out).toContain('"code":"upstream_error"');
    expect((await pair.outcome).end).toBe("upstream_error");
  });

  it("cancels upstream when the client goes away", async () => {
    const cancelUpstream = vi.fn();
    const upstreamCancelled = vi.fn();
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(openAiEvents({ deltas: ["Hello "] })[1]));
      },
      cancel: upstreamCancelled,
    });
    const pair = screener({ cancelUpstream });
    const reader = pair.relay(upstream).getReader();
    await reader.read();
    await reader.cancel("client left");
    expect(cancelUpstream).toHaveBeenCalledWith("client_cancelled");
    await vi.waitFor(() => expect(upstreamCancelled).toHaveBeenCalled());
    expect(await pair.outcome).toMatchObject({ end: "client_cancelled", completed: false });
  });
});

describe("OpenAI stream: reading upstream", () => {
  /** An upstream body that counts the chunks taken from it and notes when it was read to its end. */
  function countedSource(chunks: string[]) {
    const state = { taken: 0, readToEnd: false, cancelled: false };
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (state.taken < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[state.taken++]));
          else {
            state.readToEnd = true;
            controller.close();
          }
        },
        cancel() {
          state.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    return { source, state };
  }
  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };

  it("takes upstream bytes only while the client waits for more (a slow client slows the provider)", async () => {
    const { source, state } = countedSource(openAiEvents({ deltas: ["One. ", "Two. ", "Three. ", "Four. "] }));
    const reader = screener().relay(source).getReader();
    await ticks(5);
    expect(state.taken).toBe(0);
    await reader.read(); // the role chunk
    await ticks(5);
    expect(state.taken).toBe(1);
    expect(contentOf(new TextDecoder().decode((await reader.read()).value))).toBe("One. ");
    await ticks(5);
    expect(state.taken).toBe(2);
  });

  it("after the terminal event reads the rest of the upstream body to its end instead of cancelling it", async () => {
    const events = openAiEvents({ deltas: ["Done. "] });
    const { source, state } = countedSource([...events, ": trailing comment after [DONE]\n\n"]);
    const out = await new Response(screener().relay(source)).text();
    expect(out.trimEnd().endsWith("data: [DONE]")).toBe(true);
    await vi.waitFor(() => expect(state.readToEnd).toBe(true));
    expect(state.cancelled).toBe(false);
  });

  it("stops reading a provider that keeps sending after its terminal event, and cancels it", async () => {
    const events = openAiEvents({ deltas: ["Done. "] });
    const state = { cancelled: false };
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const e of events) controller.enqueue(new TextEncoder().encode(e));
      },
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(`: padding ${"x".repeat(4_000)}\n\n`));
      },
      cancel() {
        state.cancelled = true;
      },
    });
    const out = await new Response(screener().relay(endless)).text();
    expect(out.trimEnd().endsWith("data: [DONE]")).toBe(true);
    await vi.waitFor(() => expect(state.cancelled).toBe(true));
  });
});

describe("OpenAI stream: a fault while screening", () => {
  it("ends the stream with the error event instead of hanging the client, and still settles the outcome", async () => {
    const onEvent = () => {
      throw new Error("a bug in a listener");
    };
    const pair = screener({ onEvent });
    const out = await pipeChunks({ pair, chunks: openAiEvents({ deltas: ["Card 4111 1111 1111 1111 ", "then more."] }) });
    expect(out).not.toContain("4111");
    expect(JSON.parse(parseSseText(out).at(-1)!.data).error).toMatchObject({ code: "upstream_error" });
    expect(await pair.outcome).toMatchObject({ completed: false });
  });
});

describe("OpenAI stream: an upstream event that never ends", () => {
  it("is not buffered: past the bound the stream ends at once with the upstream error event, nothing of it sent", async () => {
    const [first] = openAiEvents({ deltas: ["Complete first sentence. "] });
    const pair = screener({ maxEventChars: 2_000 });
    const { source, writer } = writableSource();
    const reading = new Response(pair.relay(source)).text();
    await writer.write(new TextEncoder().encode(first));
    // The upstream keeps sending one event that never ends, and never closes.
    void writer.write(new TextEncoder().encode(`data: {"choices":[{"delta":{"content":"${"z".repeat(1_500)}`)).catch(() => undefined);
    void writer.write(new TextEncoder().encode("z".repeat(1_500))).catch(() => undefined);
    const ended = await Promise.race([pair.outcome, new Promise((resolve) => setTimeout(() => resolve("still open"), 500))]);
    expect(ended).toMatchObject({ end: "upstream_error" });
    const out = await reading;
    expect(out).not.toContain("zzz");
    expect(JSON.parse(parseSseText(out).at(-1)!.data).error).toMatchObject({ code: "upstream_error" });
  });
});

describe("OpenAI stream: buffer mode", () => {
  it("sends nothing before the end, then the whole redacted answer", async () => {
    const { source, writer } = writableSource();
    const reader = screener({ mode: "buffer" }).relay(source).getReader();
    const events = openAiEvents({ deltas: ["Plenty of prose here. ", `Key ${KEY} `, "end."] });
    // The client is reading all along: every event but the last is taken from upstream, and nothing is sent.
    const firstRead = reader.read();
    let early = "nothing";
    void firstRead.then(() => (early = "data"));
    for (const e of events.slice(0, -1)) await writer.write(new TextEncoder().encode(e));
    await new Promise((r) => setTimeout(r, 20));
    expect(early).toBe("nothing");
    const rest = (async () => {
      let text = new TextDecoder().decode((await firstRead).value);
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
      return text;
    })();
    await writer.write(new TextEncoder().encode(events.at(-1)!));
    await writer.close();
    const out = await rest;
    expect(contentOf(out)).toBe("Plenty of prose here. Key [REDACTED] end.");
    expect(out).toContain("[DONE]");
  });

  it("stops an answer too large to hold whole: nothing of it goes out, only the error event", async () => {
    const deltas = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} of a very long answer. `);
    const whole = await pipeChunks({ pair: screener({ mode: "buffer", maxBufferedChars: 1_000_000 }), chunks: openAiEvents({ deltas }) });
    expect(contentOf(whole)).toBe(deltas.join(""));
    const cut = await pipeChunks({ pair: screener({ mode: "buffer", maxBufferedChars: 2_000 }), chunks: openAiEvents({ deltas }) });
    expect(parseSseText(cut)).toHaveLength(1);
    expect(cut).toContain("output_blocked");
    expect(cut).not.toContain("Sentence number");
  });

  it("blocks with nothing but the error event", async () => {
    const pair = screener({ mode: "buffer" });
    const out = await pipeChunks({ pair, chunks: openAiEvents({ deltas: ["Innocent start. ", `${CANARY} `, "end."] }) });
    expect(parseSseText(out)).toHaveLength(1);
    expect(out).toContain("output_blocked");
  });
});
