// Binding the state ids of answers: a Responses answer's id, its items' ids and the echoed previous response, and an
// Anthropic message's code-execution container; in a stream, every event that carries or names them, whatever the
// chunking, with everything else (text, other fields, comments) byte for byte as it came.
import { describe, expect, it } from "vitest";
import { responsesBody, responsesEvents } from "../providers/responses-wire";
import { parseSseText } from "../streaming/sse-parser";
import { bindAnswerIds, bindStreamIds, MESSAGES_STATE_IDS, RESPONSES_STATE_IDS, type AnswerIdSpec } from "./answer-state-ids";

const bind = async (id: string) => `${id}.BOUND`;
const answer = { model: "gpt-4o-mini", chunks: ["The id resp_edgeguard ", "is \"msg_edgeguard\" in text."], usage: { input_tokens: 3, output_tokens: 9 } };

async function pipe(chunks: readonly string[], spec: AnswerIdSpec = RESPONSES_STATE_IDS): Promise<string> {
  const encoder = new TextEncoder();
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(source.pipeThrough(bindStreamIds({ bind, spec }))).text();
}

describe("bindAnswerIds", () => {
  it("binds the response id, the item ids and the echoed previous response, and leaves the text alone", async () => {
    const body: Record<string, unknown> = { ...responsesBody(answer), previous_response_id: "resp_before" };
    const bound = JSON.parse(await bindAnswerIds({ text: JSON.stringify(body), bind, spec: RESPONSES_STATE_IDS }));
    expect(bound.id).toBe("resp_edgeguard.BOUND");
    expect(bound.previous_response_id).toBe("resp_before.BOUND");
    expect(bound.output[0].id).toBe("msg_edgeguard.BOUND");
    expect(bound.output[0].content[0].text).toBe(answer.chunks.join(""));
    expect({ ...bound, id: body.id, previous_response_id: body.previous_response_id, output: body.output }).toEqual(body);
  });

  it("binds the container a code-interpreter call ran in, so a later tool can name it", async () => {
    const call = { id: "ci_1", type: "code_interpreter_call", status: "completed", code: "print(1)", container_id: "cntr_abc", outputs: [] };
    const body = { ...responsesBody(answer), output: [call] };
    const bound = JSON.parse(await bindAnswerIds({ text: JSON.stringify(body), bind, spec: RESPONSES_STATE_IDS }));
    expect(bound.output[0]).toEqual({ ...call, id: "ci_1.BOUND", container_id: "cntr_abc.BOUND" });
  });

  it("passes text that is not JSON, or not a response, unchanged", async () => {
    expect(await bindAnswerIds({ text: "not json", bind, spec: RESPONSES_STATE_IDS })).toBe("not json");
    expect(await bindAnswerIds({ text: '{"error":{"message":"x"}}', bind, spec: RESPONSES_STATE_IDS })).toBe('{"error":{"message":"x"}}');
  });
});

describe("bindStreamIds", () => {
  const events = responsesEvents(answer);
  const wire = events.join("");

  it("binds the ids in every event that carries or names them, and nothing else, however the stream is cut", async () => {
    const expected = parseSseText(wire).map((event) => ({
      ...event,
      data: event.data.replaceAll('"resp_edgeguard"', '"resp_edgeguard.BOUND"').replaceAll('"msg_edgeguard"', '"msg_edgeguard.BOUND"'),
    }));
    for (const size of [wire.length, 64, 7, 1]) {
      const chunks = Array.from({ length: Math.ceil(wire.length / size) }, (_, i) => wire.slice(i * size, (i + 1) * size));
      const out = parseSseText(await pipe(chunks));
      expect(out).toEqual(expected);
    }
    const out = parseSseText(await pipe([wire]));
    const delta = JSON.parse(out.find((event) => event.event === "response.output_text.delta")!.data);
    expect(delta.item_id).toBe("msg_edgeguard.BOUND");
    const completed = JSON.parse(out.at(-1)!.data);
    expect(completed.response.id).toBe("resp_edgeguard.BOUND");
    expect(completed.response.output[0].content[0].text).toBe(answer.chunks.join("")); // the model's text untouched
  });

  it("keeps comments (keep-alives) and binds an id only once", async () => {
    let calls = 0;
    const counting = async (id: string) => (calls++, `${id}.B`);
    const source = new Response(`: keep-alive\n\n${wire}`).body!.pipeThrough(bindStreamIds({ bind: counting, spec: RESPONSES_STATE_IDS }));
    const text = await new Response(source).text();
    expect(text.startsWith(":")).toBe(true);
    expect(text).toContain("keep-alive");
    expect(calls).toBe(2);
  });
});

describe("Anthropic's code-execution container", () => {
  const container = { id: "container_01abc", expires_at: "2026-11-27T10:30:00Z" };
  const message = { id: "msg_1", type: "message", role: "assistant", content: [{ type: "text", text: "Ran it in container_01abc." }], container };

  it("is bound in a whole message; the message id and the text stay as they were", async () => {
    const bound = JSON.parse(await bindAnswerIds({ text: JSON.stringify(message), bind, spec: MESSAGES_STATE_IDS }));
    expect(bound).toEqual({ ...message, container: { ...container, id: "container_01abc.BOUND" } });
  });

  it("is bound in a stream wherever it shows (message_start or message_delta), and nothing else moves", async () => {
    const event = (type: string, body: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
    const wire = [
      event("message_start", { message: { ...message, content: [], container: null } }),
      event("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Ran it in container_01abc." } }),
      event("message_delta", { delta: { stop_reason: "end_turn", container }, usage: { output_tokens: 5 } }),
      event("message_stop", {}),
    ].join("");
    for (const size of [wire.length, 5]) {
      const chunks = Array.from({ length: Math.ceil(wire.length / size) }, (_, i) => wire.slice(i * size, (i + 1) * size));
      expect(await pipe(chunks, MESSAGES_STATE_IDS)).toBe(wire.replace('"id":"container_01abc"', '"id":"container_01abc.BOUND"'));
    }
  });
});
