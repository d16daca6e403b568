// Tool-call arguments in answers, in all three dialects, streamed and whole: screened like text (a canary stops the
// answer), prompt placeholders restored with JSON escaping, never redacted (policy verbatimText decides instead).
import { describe, expect, it } from "vitest";
import { anthropicMessagesSurface } from "./anthropic-messages-surface";
import { openAiChatSurface } from "./openai-chat-surface";
import { openAiResponsesSurface } from "./openai-responses-surface";
import { screenCompletionBody } from "./screen-completion-body";
import { parseSseText, type SseEvent } from "./sse-parser";
import { createStreamScreener, type StreamScreenerOptions } from "./stream-screener";
import { channelsClosedBy, type StreamSurface } from "./surface";
import { CANARY, fakeScreenAsync, namedEvent, pipeChunks } from "./test-fakes";

/** The prompt's vault: `[EMAIL_1]` stood for an address with a quoted local part, which JSON must escape. */
const ORIGINAL = '"ann"@example.org';
const restore = (text: string): string => text.replaceAll("[EMAIL_1]", ORIGINAL);
const CARD = "4111 1111 1111 1111";

const data = (events: SseEvent[]) => events.filter((e) => e.data !== "[DONE]").map((e) => JSON.parse(e.data));

interface Dialect {
  surface: StreamSurface;
  /** The wire events of one answer that calls a tool with `fragments` as its arguments. */
  stream(fragments: string[]): string[];
  /** The arguments a client assembles from the screened stream, and every whole copy the stream repeats. */
  argumentsOf(events: SseEvent[]): { streamed: string; repeated: string[] };
  /** A whole answer calling a tool with `json` as its arguments, and the arguments read back from one. */
  body(json: string): unknown;
  bodyArguments(body: unknown): string;
}

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

const chat: Dialect = {
  surface: openAiChatSurface,
  stream: (fragments) => [
    chunk({ role: "assistant", content: null, tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "send_email", arguments: "" } }] }),
    ...fragments.map((f) => chunk({ tool_calls: [{ index: 0, function: { arguments: f } }] })),
    chunk({}, "tool_calls"),
    "data: [DONE]\n\n",
  ],
  argumentsOf: (events) => ({
    streamed: data(events).map((c) => c.choices?.[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? "").join(""),
    repeated: [],
  }),
  body: (json) => ({
    id: "c1", object: "chat.completion", model: "m",
    choices: [{ index: 0, finish_reason: "tool_calls", message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "send_email", arguments: json } }] } }],
  }),
  bodyArguments: (body) => (body as any).choices[0].message.tool_calls[0].function.arguments,
};

const anthropic: Dialect = {
  surface: anthropicMessagesSurface,
  stream: (fragments) => [
    namedEvent("message_start", { message: { id: "msg_1", type: "message", role: "assistant", content: [], usage: { input_tokens: 5, output_tokens: 1 } } }),
    namedEvent("content_block_start", { index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "send_email", input: {} } }),
    ...fragments.map((partial_json) => namedEvent("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json } })),
    namedEvent("content_block_stop", { index: 0 }),
    namedEvent("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 9 } }),
    namedEvent("message_stop", {}),
  ],
  argumentsOf: (events) => ({ streamed: data(events).filter((d) => d.delta?.type === "input_json_delta").map((d) => d.delta.partial_json).join(""), repeated: [] }),
  body: (json) => ({ id: "msg_1", type: "message", role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "send_email", input: JSON.parse(json) }], stop_reason: "tool_use" }),
  bodyArguments: (body) => JSON.stringify((body as any).content[0].input),
};

/**
 * A Responses answer with one tool call streaming its input in `fragments`: the item added empty, the deltas and the
 * `.done` of `events` (e.g. "response.function_call_arguments"), whose `field` repeats the input, the item done, completed.
 */
function responsesCallEvents(options: { item: (input: string, status: string) => { id: string }; events: string; field: string; fragments: string[] }): string[] {
  const { item, events, field, fragments } = options;
  const whole = fragments.join("");
  const at = { item_id: item("", "").id, output_index: 0 };
  return [
    namedEvent("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }),
    namedEvent("response.output_item.added", { output_index: 0, item: item("", "in_progress") }),
    ...fragments.map((delta) => namedEvent(`${events}.delta`, { ...at, delta })),
    namedEvent(`${events}.done`, { ...at, [field]: whole }),
    namedEvent("response.output_item.done", { output_index: 0, item: item(whole, "completed") }),
    namedEvent("response.completed", { response: { id: "resp_1", status: "completed", output: [item(whole, "completed")] } }),
  ];
}

const call = (args: string, status: string) => ({ type: "function_call", id: "fc_1", call_id: "call_1", name: "send_email", arguments: args, status });
const responses: Dialect = {
  surface: openAiResponsesSurface,
  stream: (fragments) => responsesCallEvents({ item: call, events: "response.function_call_arguments", field: "arguments", fragments }),
  argumentsOf: (events) => {
    const all = data(events);
    return {
      streamed: all.filter((d) => d.type === "response.function_call_arguments.delta").map((d) => d.delta).join(""),
      repeated: [
        ...all.filter((d) => d.type === "response.function_call_arguments.done").map((d) => d.arguments),
        ...all.filter((d) => d.type === "response.output_item.done").map((d) => d.item.arguments),
        ...all.filter((d) => d.type === "response.completed").map((d) => d.response.output[0].arguments),
      ],
    };
  },
  body: (json) => ({ id: "resp_1", object: "response", status: "completed", output: [call(json, "completed")] }),
  bodyArguments: (body) => (body as any).output[0].arguments,
};

const DIALECTS = { chat, anthropic, responses };

function screener(surface: StreamSurface, extra: Partial<StreamScreenerOptions> = {}) {
  return createStreamScreener({ surface, screen: fakeScreenAsync, restore, ...extra });
}

describe.each(Object.entries(DIALECTS))("tool-call arguments, streamed: %s", (_name, dialect) => {
  it("restores a placeholder cut over fragments, escaped so the JSON still parses", async () => {
    const pair = screener(dialect.surface);
    const events = parseSseText(await pipeChunks({ pair, chunks: dialect.stream(['{"to": "[EM', 'AIL_1]", "body": "He', 'llo"}']) }));
    const { streamed, repeated } = dialect.argumentsOf(events);
    expect(JSON.parse(streamed)).toEqual({ to: ORIGINAL, body: "Hello" });
    for (const copy of repeated) expect(copy).toBe(streamed);
    expect(await pair.outcome).toMatchObject({ completed: true, action: "allow", keptVerbatim: [] });
  });

  it("stops the answer on a canary cut over fragments, before any of it goes out", async () => {
    const pair = screener(dialect.surface);
    const half = CANARY.length / 2;
    const out = await pipeChunks({ pair, chunks: dialect.stream([`{"q": "${CANARY.slice(0, half)}`, `${CANARY.slice(half)}"}`]) });
    expect(out).not.toContain(CANARY.slice(0, half));
    expect(await pair.outcome).toMatchObject({ blocked: true, completed: false });
    expect((await pair.outcome).findings.map((f) => f.category)).toContain("canary_leak");
  });

  it("never redacts them: a card stops the answer by default, and with verbatimText flag goes out unchanged, audited", async () => {
    const fragments = ['{"note": "card 4111 1111', ' 1111 1111"}'];
    const blocked = screener(dialect.surface);
    expect(await pipeChunks({ pair: blocked, chunks: dialect.stream(fragments) })).not.toContain("4111");
    expect(await blocked.outcome).toMatchObject({ blocked: true, action: "block" });

    const flagged = screener(dialect.surface, { verbatimText: "flag" });
    const { streamed, repeated } = dialect.argumentsOf(parseSseText(await pipeChunks({ pair: flagged, chunks: dialect.stream(fragments) })));
    expect(JSON.parse(streamed)).toEqual({ note: `card ${CARD}` });
    for (const copy of repeated) expect(copy).toBe(streamed);
    expect(await flagged.outcome).toMatchObject({ completed: true, action: "flag", keptVerbatim: ["json"] });
  });
});

describe.each(Object.entries(DIALECTS))("tool-call arguments, whole answers: %s", (_name, dialect) => {
  it("restores placeholders with JSON escaping, blocks a canary, and blocks or flags a card per policy", async () => {
    const restored = await screenCompletionBody({ surface: dialect.surface, body: dialect.body('{"to": "[EMAIL_1]"}'), screen: fakeScreenAsync, restore });
    if (restored.kind !== "allowed") throw new Error("expected an allowed answer");
    expect(JSON.parse(dialect.bodyArguments(restored.body))).toEqual({ to: ORIGINAL });

    const leaked = await screenCompletionBody({ surface: dialect.surface, body: dialect.body(`{"q": "${CANARY}"}`), screen: fakeScreenAsync, restore });
    expect(leaked).toMatchObject({ kind: "blocked", screenFailed: false });
    expect(JSON.stringify(leaked.kind === "blocked" ? leaked.errorBody : {})).toContain("canary_leak");

    const carded = dialect.body(`{"note": "${CARD}"}`);
    expect(await screenCompletionBody({ surface: dialect.surface, body: carded, screen: fakeScreenAsync })).toMatchObject({ kind: "blocked" });
    const flagged = await screenCompletionBody({ surface: dialect.surface, body: carded, screen: fakeScreenAsync, verbatimText: "flag" });
    expect(flagged).toMatchObject({ kind: "allowed", body: carded, outcome: { action: "flag", redactions: 0, keptVerbatim: ["json"] } });
  });
});

describe("a Responses tool call that opens with its whole arguments (no deltas)", () => {
  const wholeCall = (args: string) => [
    namedEvent("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }),
    namedEvent("response.output_item.added", { output_index: 0, item: call(args, "in_progress") }),
    namedEvent("response.output_item.done", { output_index: 0, item: call(args, "completed") }),
    namedEvent("response.completed", { response: { id: "resp_1", status: "completed", output: [call(args, "completed")] } }),
  ];

  it("screens them like deltas: the item opens empty, the arguments follow restored, every copy the same", async () => {
    const pair = screener(openAiResponsesSurface);
    const events = parseSseText(await pipeChunks({ pair, chunks: wholeCall('{"to": "[EMAIL_1]"}') }));
    const all = data(events);
    expect(all.find((d) => d.type === "response.output_item.added").item.arguments).toBe("");
    const { streamed, repeated } = responses.argumentsOf(events);
    expect(JSON.parse(streamed)).toEqual({ to: ORIGINAL });
    expect(repeated).toEqual([streamed, streamed]);
    expect(all.find((d) => d.type === "response.function_call_arguments.delta")).toMatchObject({ item_id: "fc_1", output_index: 0 });

    const leaked = screener(openAiResponsesSurface);
    expect(await pipeChunks({ pair: leaked, chunks: wholeCall(`{"q": "${CANARY}"}`) })).not.toContain(CANARY);
    expect(await leaked.outcome).toMatchObject({ blocked: true });
  });
});

describe("tool calls in an OpenAI chat stream: order", () => {
  it("sends each call's header before its arguments and the finish after all of them, when one chunk carries it all", async () => {
    const calls = [
      { index: 0, id: "call_a", type: "function", function: { name: "lookup", arguments: '{"city": "Paris"}' } },
      { index: 1, id: "call_b", type: "function", function: { name: "lookup", arguments: '{"city": "Rome"}' } },
    ];
    const pair = screener(openAiChatSurface);
    const out = await pipeChunks({ pair, chunks: [chunk({ role: "assistant", content: "Checking both.", tool_calls: calls }, "tool_calls"), "data: [DONE]\n\n"] });
    const choices = data(parseSseText(out)).map((c) => c.choices[0]);
    expect(choices.map((c) => c.delta.content ?? "").join("")).toBe("Checking both.");
    const seen: string[] = [];
    const assembled = new Map<number, { id?: string; arguments: string }>();
    for (const { delta, finish_reason } of choices) {
      for (const part of delta.tool_calls ?? []) {
        const entry = assembled.get(part.index) ?? { arguments: "" };
        if (part.id) seen.push(`header ${part.index}`);
        if (part.function.arguments) seen.push(`arguments ${part.index}`);
        assembled.set(part.index, { id: entry.id ?? part.id, arguments: entry.arguments + part.function.arguments });
      }
      if (finish_reason) seen.push(`finish ${finish_reason}`);
    }
    expect([...new Set(seen)]).toEqual(["header 0", "header 1", "arguments 0", "arguments 1", "finish tool_calls"]);
    expect([...assembled.values()]).toEqual(calls.map((c) => ({ id: c.id, arguments: c.function.arguments })));
    expect(await pair.outcome).toMatchObject({ completed: true, action: "allow" });
  });
});

describe("channelsClosedBy", () => {
  it("closes a named channel and its sub-channels, nothing else", () => {
    const open = ["c0", "c0:reasoning", "c01", "t0:0", "t0:1", "t1:0"];
    expect(channelsClosedBy({ open, closes: ["c0", "t0"] })).toEqual(["c0", "c0:reasoning", "t0:0", "t0:1"]);
    expect(channelsClosedBy({ open, closes: "all" })).toEqual(open);
    expect(channelsClosedBy({ open, closes: [] })).toEqual([]);
  });
});

describe("a custom tool's free-form input (OpenAI custom tools)", () => {
  const customItem = (input: string, status: string) => ({ type: "custom_tool_call", id: "ctc_1", call_id: "call_1", name: "run_sql", input, status });
  const responsesStream = (fragments: string[]) => responsesCallEvents({ item: customItem, events: "response.custom_tool_call_input", field: "input", fragments });

  it("Responses stream: placeholders restored as they are (no JSON escaping), every copy the same; a canary stops it", async () => {
    const pair = screener(openAiResponsesSurface);
    const all = data(parseSseText(await pipeChunks({ pair, chunks: responsesStream(["SELECT * FROM users WHERE email = '[EM", "AIL_1]'"]) })));
    const streamed = all.filter((d) => d.type === "response.custom_tool_call_input.delta").map((d) => d.delta).join("");
    expect(streamed).toBe(`SELECT * FROM users WHERE email = '${ORIGINAL}'`);
    const repeated = [
      ...all.filter((d) => d.type === "response.custom_tool_call_input.done").map((d) => d.input),
      ...all.filter((d) => d.type === "response.output_item.done").map((d) => d.item.input),
      ...all.filter((d) => d.type === "response.completed").map((d) => d.response.output[0].input),
    ];
    expect(repeated).toEqual([streamed, streamed, streamed]);

    const leaked = screener(openAiResponsesSurface);
    expect(await pipeChunks({ pair: leaked, chunks: responsesStream([`-- ${CANARY.slice(0, 6)}`, `${CANARY.slice(6)}`]) })).not.toContain(CANARY.slice(0, 6));
    expect(await leaked.outcome).toMatchObject({ blocked: true });
  });

  it("chat, streamed and whole: restored as they are; a card stops the answer, or with verbatimText flag goes out audited", async () => {
    const pair = screener(openAiChatSurface);
    const out = await pipeChunks({
      pair,
      chunks: [
        chunk({ role: "assistant", tool_calls: [{ index: 0, id: "call_1", type: "custom", custom: { name: "run_sql", input: "" } }] }),
        chunk({ tool_calls: [{ index: 0, custom: { input: "WHERE email = '[EMAIL" } }] }),
        chunk({ tool_calls: [{ index: 0, custom: { input: "_1]'" } }] }),
        chunk({}, "tool_calls"),
        "data: [DONE]\n\n",
      ],
    });
    expect(data(parseSseText(out)).map((c) => c.choices[0].delta.tool_calls?.[0]?.custom?.input ?? "").join("")).toBe(`WHERE email = '${ORIGINAL}'`);

    const body = (input: string) => ({ id: "c1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "custom", custom: { name: "run_sql", input } }] } }] });
    const restored = await screenCompletionBody({ surface: openAiChatSurface, body: body("WHERE email = '[EMAIL_1]'"), screen: fakeScreenAsync, restore });
    expect(restored).toMatchObject({ kind: "allowed", body: body(`WHERE email = '${ORIGINAL}'`) });
    expect(await screenCompletionBody({ surface: openAiChatSurface, body: body(`card = '${CARD}'`), screen: fakeScreenAsync })).toMatchObject({ kind: "blocked" });
    const flagged = await screenCompletionBody({ surface: openAiChatSurface, body: body(`card = '${CARD}'`), screen: fakeScreenAsync, verbatimText: "flag" });
    expect(flagged).toMatchObject({ kind: "allowed", outcome: { action: "flag", keptVerbatim: ["raw"] } });
  });
});

describe("a code-interpreter call's code (OpenAI Responses): the provider runs it and the client shows it", () => {
  const codeItem = (code: string, status: string) => ({ type: "code_interpreter_call", id: "ci_1", container_id: "cntr_1", code, outputs: null, status });
  const responsesStream = (fragments: string[]) => responsesCallEvents({ item: codeItem, events: "response.code_interpreter_call_code", field: "code", fragments });

  it("streamed: placeholders restored as they are, every copy the same; a canary cut over deltas stops it", async () => {
    const pair = screener(openAiResponsesSurface);
    const all = data(parseSseText(await pipeChunks({ pair, chunks: responsesStream(["send_mail(to='[EM", "AIL_1]')"]) })));
    const streamed = all.filter((d) => d.type === "response.code_interpreter_call_code.delta").map((d) => d.delta).join("");
    expect(streamed).toBe(`send_mail(to='${ORIGINAL}')`);
    const repeated = [
      ...all.filter((d) => d.type === "response.code_interpreter_call_code.done").map((d) => d.code),
      ...all.filter((d) => d.type === "response.output_item.done").map((d) => d.item.code),
      ...all.filter((d) => d.type === "response.completed").map((d) => d.response.output[0].code),
    ];
    expect(repeated).toEqual([streamed, streamed, streamed]);
    expect(await pair.outcome).toMatchObject({ completed: true });

    const leaked = screener(openAiResponsesSurface);
    const out = await pipeChunks({ pair: leaked, chunks: responsesStream([`print("${CANARY.slice(0, 6)}`, `${CANARY.slice(6)}")`]) });
    expect(out).not.toContain(CANARY.slice(0, 6));
    expect(await leaked.outcome).toMatchObject({ blocked: true });
  });

  it("whole: restored in the item; a card in the code blocks the answer, or with verbatimText flag goes out audited", async () => {
    const body = (code: string) => ({ id: "resp_1", object: "response", status: "completed", output: [codeItem(code, "completed")] });
    const restored = await screenCompletionBody({ surface: openAiResponsesSurface, body: body("send_mail(to='[EMAIL_1]')"), screen: fakeScreenAsync, restore });
    expect(restored).toMatchObject({ kind: "allowed", body: body(`send_mail(to='${ORIGINAL}')`) });
    expect(await screenCompletionBody({ surface: openAiResponsesSurface, body: body(`charge('${CARD}')`), screen: fakeScreenAsync })).toMatchObject({ kind: "blocked" });
    const flagged = await screenCompletionBody({ surface: openAiResponsesSurface, body: body(`charge('${CARD}')`), screen: fakeScreenAsync, verbatimText: "flag" });
    expect(flagged).toMatchObject({ kind: "allowed", outcome: { action: "flag", keptVerbatim: ["raw"] } });
  });

  it("a call that opens with its code already in it (no deltas) is screened too", async () => {
    const leaked = screener(openAiResponsesSurface);
    const events = [
      namedEvent("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }),
      namedEvent("response.output_item.added", { output_index: 0, item: codeItem(`x = "${CANARY}"`, "in_progress") }),
      namedEvent("response.output_item.done", { output_index: 0, item: codeItem(`x = "${CANARY}"`, "completed") }),
      namedEvent("response.completed", { response: { id: "resp_1", status: "completed", output: [codeItem(`x = "${CANARY}"`, "completed")] } }),
    ];
    expect(await pipeChunks({ pair: leaked, chunks: events })).not.toContain(CANARY);
    expect(await leaked.outcome).toMatchObject({ blocked: true });
  });
});

describe("an MCP approval request's arguments (OpenAI Responses): sent to the MCP server once the client approves", () => {
  const approval = (args: string) => ({ type: "mcp_approval_request", id: "mcpr_1", server_label: "crm", name: "create_note", arguments: args });
  /** No deltas exist for them: the item opens (maybe with its arguments) and its `done` carries them. */
  const approvalStream = (args: string, opened = "") => [
    namedEvent("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }),
    namedEvent("response.output_item.added", { output_index: 0, item: approval(opened) }),
    namedEvent("response.output_item.done", { output_index: 0, item: approval(args) }),
    namedEvent("response.completed", { response: { id: "resp_1", status: "completed", output: [approval(args)] } }),
  ];

  it("streamed: screened from the item's done, which goes out once with the placeholders restored; the opening copy is empty", async () => {
    for (const mode of ["rolling", "buffer"] as const) {
      const pair = screener(openAiResponsesSurface, { mode });
      const args = '{"note": "call [EMAIL_1]"}';
      const all = data(parseSseText(await pipeChunks({ pair, chunks: approvalStream(args, args) })));
      expect(all.map((d) => d.type)).toEqual(["response.created", "response.output_item.added", "response.output_item.done", "response.completed"]);
      const expected = args.replace("[EMAIL_1]", JSON.stringify(ORIGINAL).slice(1, -1)); // escaped for JSON
      expect(all[1].item.arguments).toBe("");
      expect(all[2].item).toEqual(approval(expected));
      expect(all[3].response.output[0]).toEqual(approval(expected));
      expect(await pair.outcome).toMatchObject({ completed: true });
    }
  });

  it("streamed after a message: every event keeps its place, the message text before the request", async () => {
    const message = (text: string) => ({ type: "message", id: "msg_1", role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] });
    const at = { item_id: "msg_1", output_index: 0, content_index: 0 };
    const args = '{"note": "hi"}';
    const events = [
      namedEvent("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }),
      namedEvent("response.output_item.added", { output_index: 0, item: { ...message(""), content: [] } }),
      namedEvent("response.content_part.added", { ...at, part: { type: "output_text", text: "", annotations: [] } }),
      ...["I will save ", "that note for you"].map((delta) => namedEvent("response.output_text.delta", { ...at, delta })),
      namedEvent("response.output_text.done", { ...at, text: "I will save that note for you" }),
      namedEvent("response.content_part.done", { ...at, part: { type: "output_text", text: "I will save that note for you", annotations: [] } }),
      namedEvent("response.output_item.done", { output_index: 0, item: message("I will save that note for you") }),
      namedEvent("response.output_item.added", { output_index: 1, item: approval("") }),
      namedEvent("response.output_item.done", { output_index: 1, item: approval(args) }),
      namedEvent("response.completed", { response: { id: "resp_1", status: "completed", output: [message("I will save that note for you"), approval(args)] } }),
    ];
    for (const mode of ["rolling", "buffer"] as const) {
      const all = data(parseSseText(await pipeChunks({ pair: screener(openAiResponsesSurface, { mode }), chunks: events })));
      const types = all.map((d) => d.type).filter((type, i, list) => type !== "response.output_text.delta" || list[i - 1] !== type);
      expect(types).toEqual(data(events.map((e) => parseSseText(e)[0])).map((d) => d.type).filter((type, i, list) => type !== "response.output_text.delta" || list[i - 1] !== type));
      expect(all.filter((d) => d.type === "response.output_text.delta").map((d) => d.delta).join("")).toBe("I will save that note for you");
      expect(all.find((d) => d.type === "response.output_item.done" && d.output_index === 1).item.arguments).toBe(args);
    }
  });

  it("streamed: a canary in the arguments stops the answer before the request reaches the client; in buffer mode too", async () => {
    for (const mode of ["rolling", "buffer"] as const) {
      const leaked = screener(openAiResponsesSurface, { mode });
      const out = await pipeChunks({ pair: leaked, chunks: approvalStream(`{"note": "${CANARY}"}`, `{"note": "${CANARY}"}`) });
      expect(out).not.toContain(CANARY);
      expect(await leaked.outcome).toMatchObject({ blocked: true });
    }
  });

  it("whole: a card in the arguments blocks the answer, or with verbatimText flag goes out audited", async () => {
    const body = (args: string) => ({ id: "resp_1", object: "response", status: "completed", output: [approval(args)] });
    expect(await screenCompletionBody({ surface: openAiResponsesSurface, body: body(`{"card": "${CARD}"}`), screen: fakeScreenAsync })).toMatchObject({ kind: "blocked" });
    const flagged = await screenCompletionBody({ surface: openAiResponsesSurface, body: body(`{"card": "${CARD}"}`), screen: fakeScreenAsync, verbatimText: "flag" });
    expect(flagged).toMatchObject({ kind: "allowed", outcome: { action: "flag", keptVerbatim: ["json"] } });
  });
});

describe("an MCP call's result (OpenAI Responses): the MCP server's answer, shown to users beside the answer", () => {
  const mcpCall = (args: string, output: string | null, status = "completed") => ({ type: "mcp_call", id: "mcp_1", server_label: "crm", name: "find_contact", arguments: args, output, error: null, status });
  const at = { item_id: "mcp_1", output_index: 0 };
  const callStream = (options: { args: string[]; output: string }) => {
    const args = options.args.join("");
    return [
      namedEvent("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }),
      namedEvent("response.output_item.added", { output_index: 0, item: mcpCall("", null, "in_progress") }),
      ...options.args.map((delta) => namedEvent("response.mcp_call_arguments.delta", { ...at, delta })),
      namedEvent("response.mcp_call_arguments.done", { ...at, arguments: args }),
      namedEvent("response.mcp_call.completed", at),
      namedEvent("response.output_item.done", { output_index: 0, item: mcpCall(args, options.output) }),
      namedEvent("response.completed", { response: { id: "resp_1", status: "completed", output: [mcpCall(args, options.output)] } }),
    ];
  };

  it("streamed: redacted and restored like the answer in the item's done and response.completed; its arguments as released", async () => {
    for (const mode of ["rolling", "buffer"] as const) {
      const pair = screener(openAiResponsesSurface, { mode });
      const chunks = callStream({ args: ['{"who": "[EMA', 'IL_1]"}'], output: "Found [EMAIL_1], card 4111 1111 1111 1111." });
      const all = data(parseSseText(await pipeChunks({ pair, chunks })));
      const collapsed = (types: string[]) => types.filter((type, i) => type !== types[i - 1]); // deltas may be cut anew
      expect(collapsed(all.map((d) => d.type))).toEqual(collapsed(data(chunks.map((c) => parseSseText(c)[0])).map((d) => d.type)));
      const args = `{"who": "${JSON.stringify(ORIGINAL).slice(1, -1)}"}`;
      const result = `Found ${ORIGINAL}, card [REDACTED].`;
      expect(all.find((d) => d.type === "response.output_item.done").item).toEqual(mcpCall(args, result));
      expect(all.find((d) => d.type === "response.completed").response.output[0]).toEqual(mcpCall(args, result));
      expect(await pair.outcome).toMatchObject({ completed: true, action: "redact" });
    }
  });

  it("streamed: a canary in the result stops the answer", async () => {
    const leaked = screener(openAiResponsesSurface);
    expect(await pipeChunks({ pair: leaked, chunks: callStream({ args: ["{}"], output: `notes: ${CANARY}` }) })).not.toContain(CANARY);
    expect(await leaked.outcome).toMatchObject({ blocked: true });
  });

  it("whole: the result redacted and restored, the arguments as before", async () => {
    const body = (output: string) => ({ id: "resp_1", object: "response", status: "completed", output: [mcpCall('{"who": "bob"}', output)] });
    const result = await screenCompletionBody({ surface: openAiResponsesSurface, body: body("Mail [EMAIL_1] or bob@example.com"), screen: fakeScreenAsync, restore });
    expect(result).toMatchObject({ kind: "allowed", body: body(`Mail ${ORIGINAL} or [REDACTED]`) });
  });
});

describe("a code-interpreter call's logs (OpenAI Responses, with `include: code_interpreter_call.outputs`)", () => {
  const ciCall = (code: string, outputs: object[] | null, status = "completed") => ({ type: "code_interpreter_call", id: "ci_1", container_id: "cntr_1", code, outputs, status });
  const at = { item_id: "ci_1", output_index: 0 };
  const image = { type: "image", url: "https://files.example/plot.png" };
  const ciStream = (code: string, outputs: object[]) => [
    namedEvent("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }),
    namedEvent("response.output_item.added", { output_index: 0, item: ciCall("", null, "in_progress") }),
    namedEvent("response.code_interpreter_call_code.delta", { ...at, delta: code }),
    namedEvent("response.code_interpreter_call_code.done", { ...at, code }),
    namedEvent("response.code_interpreter_call.completed", at),
    namedEvent("response.output_item.done", { output_index: 0, item: ciCall(code, outputs) }),
    namedEvent("response.completed", { response: { id: "resp_1", status: "completed", output: [ciCall(code, outputs)] } }),
  ];

  it("streamed: every logs entry redacted like the answer, in one item done written when the last is released", async () => {
    for (const mode of ["rolling", "buffer"] as const) {
      const pair = screener(openAiResponsesSurface, { mode });
      const outputs = [{ type: "logs", logs: "row 1: bob@example.com" }, image, { type: "logs", logs: "card 4111 1111 1111 1111" }];
      const all = data(parseSseText(await pipeChunks({ pair, chunks: ciStream("print(rows)", outputs) })));
      const dones = all.filter((d) => d.type === "response.output_item.done");
      const screened = [{ type: "logs", logs: "row 1: [REDACTED]" }, image, { type: "logs", logs: "card [REDACTED]" }];
      expect(dones).toHaveLength(1);
      expect(dones[0].item).toEqual(ciCall("print(rows)", screened));
      expect(all.find((d) => d.type === "response.completed").response.output[0]).toEqual(ciCall("print(rows)", screened));
      expect(all.map((d) => d.type).indexOf("response.output_item.done")).toBeLessThan(all.map((d) => d.type).indexOf("response.completed"));
    }
  });

  it("streamed: a canary in the second logs entry stops the answer before the item goes out", async () => {
    const leaked = screener(openAiResponsesSurface);
    const out = await pipeChunks({ pair: leaked, chunks: ciStream("print(x)", [{ type: "logs", logs: "fine" }, { type: "logs", logs: CANARY }]) });
    expect(out).not.toContain(CANARY);
    expect(data(parseSseText(out)).filter((d) => d.type === "response.output_item.done")).toHaveLength(0);
    expect(await leaked.outcome).toMatchObject({ blocked: true });
  });

  it("whole: the logs redacted, the code and images as they were", async () => {
    const body = (logs: string) => ({ id: "resp_1", object: "response", status: "completed", output: [ciCall("print(x)", [{ type: "logs", logs }, image])] });
    const result = await screenCompletionBody({ surface: openAiResponsesSurface, body: body("mail bob@example.com"), screen: fakeScreenAsync });
    expect(result).toMatchObject({ kind: "allowed", body: body("mail [REDACTED]") });
  });
});
