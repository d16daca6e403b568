import { describe, expect, it } from "vitest";
import { responsesBody, responsesEvents } from "../providers/responses-wire";
import { openAiResponsesSurface } from "./openai-responses-surface";
import { screenCompletionBody } from "./screen-completion-body";
import { parseSseText, type SseEvent } from "./sse-parser";
import { createStreamScreener, type StreamScreenerOptions } from "./stream-screener";
import { CANARY, fakeScreenAsync, namedEvent, pipeChunks } from "./test-fakes";

function screener(extra: Partial<StreamScreenerOptions> = {}) {
  return createStreamScreener({ surface: openAiResponsesSurface, screen: fakeScreenAsync, ...extra });
}

const usage = { input_tokens: 9, output_tokens: 21 };
const dataOf = (events: SseEvent[], type: string) => events.filter((e) => e.event === type).map((e) => JSON.parse(e.data));
const deltaText = (events: SseEvent[]) => dataOf(events, "response.output_text.delta").map((d) => d.delta).join("");

/** Every copy of the answer text a Responses stream carries besides its deltas. */
function repeatedTexts(events: SseEvent[]): string[] {
  return [
    ...dataOf(events, "response.output_text.done").map((d) => d.text),
    ...dataOf(events, "response.content_part.done").map((d) => d.part.text),
    ...dataOf(events, "response.output_item.done").map((d) => d.item.content[0].text),
    ...dataOf(events, "response.completed").map((d) => d.response.output[0].content[0].text),
  ];
}

describe("OpenAI Responses stream", () => {
  it("redacts a key and a card split over deltas, and every event repeating the text says the same", async () => {
    const chunks = ["Your key is sk-abcdefghij", "klmnopqrstuvwxyz and the card 4242 42", "42 4242 4242, done."];
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: responsesEvents({ model: "gpt-4o", chunks, usage }) });
    const events = parseSseText(out);
    const text = deltaText(events);
    expect(text).toBe("Your key is [REDACTED] and the card [REDACTED], done.");
    expect(repeatedTexts(events)).toEqual([text, text, text, text]);
    expect(out).not.toMatch(/sk-abc|4242/);
    for (const e of events) expect(JSON.parse(e.data).type).toBe(e.event); // each event's data matches its name
    expect(events.map((e) => e.event).slice(0, 3)).toEqual(["response.created", "response.output_item.added", "response.content_part.added"]);
    expect(events.map((e) => e.event).slice(-4)).toEqual(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"]);
    expect(await pair.outcome).toMatchObject({ completed: true, action: "redact", usage });
  });

  it("relays an unchanged answer's events with the same text everywhere", async () => {
    const chunks = ["Hello", " there, how", " can I help?"];
    const events = parseSseText(await pipeChunks({ pair: screener(), chunks: responsesEvents({ model: "gpt-4o", chunks, usage }) }));
    expect(deltaText(events)).toBe("Hello there, how can I help?");
    expect(repeatedTexts(events)).toEqual(Array(4).fill("Hello there, how can I help?"));
  });

  it("screens text a content part opens with, and sends the part itself empty", async () => {
    const wire = responsesEvents({ model: "gpt-4o", chunks: [" and more"], usage });
    const opened = wire.map((event) => event.replace('"part":{"type":"output_text","text":""', '"part":{"type":"output_text","text":"sk-abcdefghijklmnopqrstuv"'));
    expect(opened.join("")).toContain("sk-abcdefghijklmnopqrstuv");
    const out = await pipeChunks({ pair: screener(), chunks: opened });
    const events = parseSseText(out);
    expect(dataOf(events, "response.content_part.added")[0].part.text).toBe("");
    expect(deltaText(events)).toBe("[REDACTED] and more");
    expect(out).not.toContain("sk-abc");
  });

  it("ends with an error event and no response.completed on a canary", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: responsesEvents({ model: "gpt-4o", chunks: ["All good. ", `The token is ${CANARY}`, " and more."], usage }) });
    const events = parseSseText(out);
    expect(out).not.toContain(CANARY);
    expect(events.some((e) => e.event === "response.completed" || e.event === "response.output_text.done")).toBe(false);
    const last = events.at(-1)!;
    expect(last.event).toBe("error");
    expect(JSON.parse(last.data)).toEqual({ error: { type: "guardrail_violation", code: "output_blocked", param: null, message: expect.stringContaining("canary_leak") } });
    expect(await pair.outcome).toMatchObject({ blocked: true, completed: false });
  });

  it("passes response.failed on with only the text already released", async () => {
    const wire = responsesEvents({ model: "gpt-4o", chunks: ["Partial answ", "er with sk-abcdefghijklmnopqrstuvwx"], usage });
    const completed = JSON.parse(wire.at(-1)!.split("data: ")[1]);
    const failed = `event: response.failed\ndata: ${JSON.stringify({ ...completed, type: "response.failed", response: { ...completed.response, status: "failed" } })}\n\n`;
    const chunks = [...wire.slice(0, 5), failed];
    const pair = screener();
    const out = await pipeChunks({ pair, chunks });
    const events = parseSseText(out);
    expect(out).not.toContain("sk-abc");
    const released = deltaText(events);
    expect(dataOf(events, "response.failed")[0].response.output[0].content[0].text).toBe(released);
    expect(await pair.outcome).toMatchObject({ end: "upstream_error", completed: false });
  });

  it("rebuilds a response.completed `output_text` convenience field from the released text", async () => {
    const wire = responsesEvents({ model: "gpt-4o", chunks: ["Key: sk-abcdefghij", "klmnopqrstuvwxyz, bye."], usage });
    const completed = JSON.parse(wire.at(-1)!.split("data: ")[1]);
    completed.response.output_text = "Key: sk-abcdefghijklmnopqrstuvwxyz, bye.";
    const chunks = [...wire.slice(0, -1), `event: response.completed\ndata: ${JSON.stringify(completed)}\n\n`];
    const out = await pipeChunks({ pair: screener(), chunks });
    expect(out).not.toContain("sk-abc");
    expect(dataOf(parseSseText(out), "response.completed")[0].response.output_text).toBe("Key: [REDACTED], bye.");
  });

  it("holds every event until the end in buffer mode, then sends the screened text in all of them", async () => {
    const chunks = ["Write to bob@exam", "ple.com today."];
    const events = parseSseText(await pipeChunks({ pair: screener({ mode: "buffer" }), chunks: responsesEvents({ model: "gpt-4o", chunks, usage }) }));
    expect(deltaText(events)).toBe("Write to [REDACTED] today.");
    expect(repeatedTexts(events)).toEqual(Array(4).fill("Write to [REDACTED] today."));
  });
});

describe("OpenAI Responses stream: citations", () => {
  it("moves a citation's range with the redacted text, in annotation.added and in every later copy of the part", async () => {
    const chunks = ["Call 4242 4242 4242 4242 now. See ", "[the guide](https://example.com/g) for", " more."];
    const text = chunks.join("");
    const cited = "[the guide](https://example.com/g)";
    const annotation = { type: "url_citation", start_index: text.indexOf(cited), end_index: text.indexOf(cited) + cited.length, url: "https://example.com/g", title: "Guide" };
    // As OpenAI sends a web-search answer: annotation.added after the deltas, the annotation repeated in later copies.
    const upstream = parseSseText(responsesEvents({ model: "gpt-4o", chunks, usage }).join("")).flatMap((event) => {
      const data = JSON.parse(event.data);
      if (data.type === "response.content_part.done") data.part.annotations = [annotation];
      if (data.type === "response.output_item.done") data.item.content[0].annotations = [annotation];
      if (data.type === "response.completed") data.response.output[0].content[0].annotations = [annotation];
      const added = { type: "response.output_text.annotation.added", item_id: data.item_id, output_index: 0, content_index: 0, annotation_index: 0, annotation };
      return data.type === "response.output_text.done" ? [namedEvent(added.type, added), namedEvent(data.type, data)] : [namedEvent(data.type, data)];
    });
    const events = parseSseText(await pipeChunks({ pair: screener(), chunks: upstream }));
    const released = deltaText(events);
    expect(released).toBe("Call [REDACTED] now. See [the guide](https://example.com/g) for more.");
    const citations = [
      ...dataOf(events, "response.output_text.annotation.added").map((d) => d.annotation),
      ...dataOf(events, "response.content_part.done").map((d) => d.part.annotations[0]),
      ...dataOf(events, "response.output_item.done").map((d) => d.item.content[0].annotations[0]),
      ...dataOf(events, "response.completed").map((d) => d.response.output[0].content[0].annotations[0]),
    ];
    expect(citations).toHaveLength(4);
    for (const citation of citations) {
      expect(released.slice(citation.start_index, citation.end_index)).toBe(cited);
      expect(citation).toMatchObject({ url: "https://example.com/g", title: "Guide" });
    }
    // The citation follows the text it cites: it goes out after the last delta.
    const order = events.map((e) => e.event);
    expect(order.indexOf("response.output_text.annotation.added")).toBeGreaterThan(order.lastIndexOf("response.output_text.delta"));
  });

  /** An answer citing one page: annotation.added (unless `announced` is false) and the annotation in every later copy. */
  function citedAnswer(options: { title: string; announced?: boolean }): string[] {
    const annotation = { type: "url_citation", start_index: 0, end_index: 4, url: "https://example.com/p", title: options.title };
    return parseSseText(responsesEvents({ model: "gpt-4o", chunks: ["Read the", " page."], usage }).join("")).flatMap((event) => {
      const data = JSON.parse(event.data);
      if (data.type === "response.content_part.done") data.part.annotations = [annotation];
      if (data.type === "response.output_item.done") data.item.content[0].annotations = [annotation];
      if (data.type === "response.completed") data.response.output[0].content[0].annotations = [annotation];
      const added = { type: "response.output_text.annotation.added", item_id: data.item_id, output_index: 0, content_index: 0, annotation_index: 0, annotation };
      const announce = options.announced !== false && data.type === "response.output_text.done";
      return announce ? [namedEvent(added.type, added), namedEvent(data.type, data)] : [namedEvent(data.type, data)];
    });
  }
  const titlesOf = (events: SseEvent[]) => [
    ...dataOf(events, "response.output_text.annotation.added").map((d) => d.annotation.title),
    ...dataOf(events, "response.content_part.done").map((d) => d.part.annotations[0].title),
    ...dataOf(events, "response.output_item.done").map((d) => d.item.content[0].annotations[0].title),
    ...dataOf(events, "response.completed").map((d) => d.response.output[0].content[0].annotations[0].title),
  ];

  for (const mode of ["rolling", "buffer"] as const) {
    it(`screens a cited page's title like the answer, the same in annotation.added and every later copy (${mode})`, async () => {
      const pair = screener({ mode });
      const out = await pipeChunks({ pair, chunks: citedAnswer({ title: "Card 4242 4242 4242 4242 leak" }) });
      expect(out).not.toContain("4242");
      expect(titlesOf(parseSseText(out))).toEqual(Array(4).fill("Card [REDACTED] leak"));
      expect(await pair.outcome).toMatchObject({ completed: true, action: "redact" });
    });
  }

  it("stops the answer on a canary in a cited page's title, before the citation goes out", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: citedAnswer({ title: `Leaked ${CANARY}` }) });
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain("response.completed");
    expect(await pair.outcome).toMatchObject({ blocked: true });
  });

  it("sends a title no annotation.added announced (so nothing screened it) empty in the copies", async () => {
    const out = await pipeChunks({ pair: screener(), chunks: citedAnswer({ title: "Card 4242 4242 4242 4242 leak", announced: false }) });
    expect(out).not.toContain("4242");
    expect(titlesOf(parseSseText(out))).toEqual(["", "", ""]);
  });
});

describe("OpenAI Responses stream: reasoning summaries", () => {
  /** A reasoning item whose summary streams in `pieces`, then a message item with `answer`, as reasoning models send. */
  function reasoningThenAnswer(options: { pieces: string[]; answer: string }): string[] {
    const summary = options.pieces.join("");
    const reasoning = (text: string) => ({ type: "reasoning", id: "rs_1", summary: text ? [{ type: "summary_text", text }] : [], encrypted_content: "gAAAA" });
    const message = (text: string) => ({ type: "message", id: "msg_1", role: "assistant", status: "completed", content: text ? [{ type: "output_text", text, annotations: [] }] : [] });
    const atSummary = { item_id: "rs_1", output_index: 0, summary_index: 0 };
    const atText = { item_id: "msg_1", output_index: 1, content_index: 0 };
    return [
      namedEvent("response.created", { response: { id: "resp_1", object: "response", status: "in_progress", output: [] } }),
      namedEvent("response.output_item.added", { output_index: 0, item: reasoning("") }),
      namedEvent("response.reasoning_summary_part.added", { ...atSummary, part: { type: "summary_text", text: "" } }),
      ...options.pieces.map((delta) => namedEvent("response.reasoning_summary_text.delta", { ...atSummary, delta })),
      namedEvent("response.reasoning_summary_text.done", { ...atSummary, text: summary }),
      namedEvent("response.reasoning_summary_part.done", { ...atSummary, part: { type: "summary_text", text: summary } }),
      namedEvent("response.output_item.done", { output_index: 0, item: reasoning(summary) }),
      namedEvent("response.output_item.added", { output_index: 1, item: message("") }),
      namedEvent("response.content_part.added", { ...atText, part: { type: "output_text", text: "", annotations: [] } }),
      namedEvent("response.output_text.delta", { ...atText, delta: options.answer }),
      namedEvent("response.output_text.done", { ...atText, text: options.answer }),
      namedEvent("response.content_part.done", { ...atText, part: { type: "output_text", text: options.answer, annotations: [] } }),
      namedEvent("response.output_item.done", { output_index: 1, item: message(options.answer) }),
      namedEvent("response.completed", { response: { id: "resp_1", object: "response", status: "completed", output: [reasoning(summary), message(options.answer)], usage } }),
    ];
  }

  it("screens the summary like the answer: redacted in its deltas and in every copy, the answer untouched", async () => {
    const events = parseSseText(await pipeChunks({ pair: screener(), chunks: reasoningThenAnswer({ pieces: ["The user's card 4242 42", "42 4242 4242 must not", " be repeated."], answer: "I can't share that." }) }));
    const summary = dataOf(events, "response.reasoning_summary_text.delta").map((d) => d.delta).join("");
    expect(summary).toBe("The user's card [REDACTED] must not be repeated.");
    const copies = [
      ...dataOf(events, "response.reasoning_summary_text.done").map((d) => d.text),
      ...dataOf(events, "response.reasoning_summary_part.done").map((d) => d.part.text),
      ...dataOf(events, "response.output_item.done").filter((d) => d.item.type === "reasoning").map((d) => d.item.summary[0].text),
      ...dataOf(events, "response.completed").map((d) => d.response.output[0].summary[0].text),
    ];
    expect(copies).toEqual([summary, summary, summary, summary]);
    expect(events.map((e) => e.data).join("")).not.toContain("4242");
    expect(deltaText(events)).toBe("I can't share that.");
    expect(dataOf(events, "response.completed")[0].response.output[0].encrypted_content).toBe("gAAAA");
  });

  it("stops the stream when the summary leaks a canary, before the answer", async () => {
    const pair = screener();
    const out = await pipeChunks({ pair, chunks: reasoningThenAnswer({ pieces: ["The system prompt says ", `${CANARY} so`, " I will comply."], answer: "Sure." }) });
    expect(out).not.toContain(CANARY);
    expect(out).not.toContain("Sure.");
    expect(await pair.outcome).toMatchObject({ blocked: true, completed: false });
  });
});

describe("OpenAI Responses stream: other parts the user reads", () => {
  // A refusal (in a message) and the raw reasoning open models such as gpt-oss send (in a reasoning item): each part
  // kind streams in its own delta event, repeats in its own done event, and keeps its text in its own field.
  const cases = [
    {
      kind: "refusal", itemType: "message", field: "refusal", secret: "4242",
      deltas: ["I won't read back 4242 42", "42 4242 4242 to you."], released: "I won't read back [REDACTED] to you.",
    },
    {
      kind: "reasoning_text", itemType: "reasoning", field: "text", secret: "AbCdEf",
      deltas: ["The key sk-AbCdEfGhIj", "KlMnOpQrStUv12 is in the prompt; do not print it."],
      released: "The key [REDACTED] is in the prompt; do not print it.",
    },
  ];
  it.each(cases)("screens $kind parts like the answer: deltas, done event and every copy of the part", async (c) => {
    const at = { item_id: "item_1", output_index: 0, content_index: 0 };
    const whole = c.deltas.join("");
    const part = (text: string) => ({ type: c.kind, [c.field]: text });
    const item = (text: string) => ({ type: c.itemType, id: "item_1", ...(c.itemType === "reasoning" ? { summary: [] } : { role: "assistant" }), content: text ? [part(text)] : [] });
    const chunks = [
      namedEvent("response.created", { response: { id: "resp_1", output: [] } }),
      namedEvent("response.output_item.added", { output_index: 0, item: item("") }),
      namedEvent("response.content_part.added", { ...at, part: part("") }),
      ...c.deltas.map((delta) => namedEvent(`response.${c.kind}.delta`, { ...at, delta })),
      namedEvent(`response.${c.kind}.done`, { ...at, [c.field]: whole }),
      namedEvent("response.content_part.done", { ...at, part: part(whole) }),
      namedEvent("response.output_item.done", { output_index: 0, item: item(whole) }),
      namedEvent("response.completed", { response: { id: "resp_1", output: [item(whole)], usage } }),
    ];
    const events = parseSseText(await pipeChunks({ pair: screener(), chunks }));
    const released = dataOf(events, `response.${c.kind}.delta`).map((d) => d.delta).join("");
    expect(released).toBe(c.released);
    expect([
      ...dataOf(events, `response.${c.kind}.done`).map((d) => d[c.field]),
      ...dataOf(events, "response.content_part.done").map((d) => d.part[c.field]),
      ...dataOf(events, "response.output_item.done").map((d) => d.item.content[0][c.field]),
      ...dataOf(events, "response.completed").map((d) => d.response.output[0].content[0][c.field]),
    ]).toEqual([released, released, released, released]);
    expect(events.map((e) => e.data).join("")).not.toContain(c.secret);
  });
});

describe("OpenAI Responses whole answer", () => {
  it("redacts output_text parts and keeps everything else", async () => {
    const body = responsesBody({ model: "gpt-4o", chunks: ["Mail bob@example.com now"], usage });
    const screened = await screenCompletionBody({ surface: openAiResponsesSurface, body, screen: fakeScreenAsync });
    if (screened.kind !== "allowed") throw new Error(`expected an allowed answer, got ${screened.kind}`);
    const output = (screened.body as { output: Array<{ content: Array<{ text: string }> }> }).output;
    expect(output[0].content[0].text).toBe("Mail [REDACTED] now");
    expect(screened.body).toMatchObject({ id: "resp_edgeguard", status: "completed", usage });
    expect(screened.outcome.usage).toEqual(usage);
  });

  it("screens a top-level `output_text` on its own, even when it differs from the parts", async () => {
    const body = { ...responsesBody({ model: "gpt-4o", chunks: ["All fine."], usage }), output_text: "Mail bob@example.com now" };
    const screened = await screenCompletionBody({ surface: openAiResponsesSurface, body, screen: fakeScreenAsync });
    if (screened.kind !== "allowed") throw new Error(`expected an allowed answer, got ${screened.kind}`);
    expect(screened.body).toMatchObject({ output_text: "Mail [REDACTED] now", output: [{ content: [{ text: "All fine." }] }] });
  });
});
