// One answer in OpenAI Responses wire format, whole and as its SSE event sequence: what the mock provider sends and
// what the test provider sends. The events follow the API's order (created, item added, part added, deltas, text
// done, part done, item done, completed), each with its `event:` name and a running sequence number.

export interface ResponsesAnswer {
  model: string;
  /** The answer text in the pieces it streams in; the whole text is their concatenation. */
  chunks: readonly string[];
  usage: { input_tokens: number; output_tokens: number };
}

const RESPONSE_ID = "resp_edgeguard";
const ITEM_ID = "msg_edgeguard";

function outputText(text: string) {
  return { type: "output_text", text, annotations: [] };
}

function messageItem(status: string, content: unknown[]) {
  return { id: ITEM_ID, type: "message", status, role: "assistant", content };
}

function response(options: { model: string; status: string; output: unknown[]; usage: ResponsesAnswer["usage"] | null }) {
  const usage = options.usage && { ...options.usage, total_tokens: options.usage.input_tokens + options.usage.output_tokens };
  return { id: RESPONSE_ID, object: "response", created_at: 1_700_000_000, status: options.status, model: options.model, output: options.output, usage };
}

/** The non-streamed answer body. */
export function responsesBody(answer: ResponsesAnswer): Record<string, unknown> {
  const text = answer.chunks.join("");
  return response({ model: answer.model, status: "completed", output: [messageItem("completed", [outputText(text)])], usage: answer.usage });
}

/** The streamed answer, one string per SSE event. */
export function responsesEvents(answer: ResponsesAnswer): string[] {
  const text = answer.chunks.join("");
  let sequence = 0;
  const event = (type: string, fields: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields, sequence_number: sequence++ })}\n\n`;
  const at = { item_id: ITEM_ID, output_index: 0, content_index: 0 };
  const done = messageItem("completed", [outputText(text)]);
  return [
    event("response.created", { response: response({ model: answer.model, status: "in_progress", output: [], usage: null }) }),
    event("response.output_item.added", { output_index: 0, item: messageItem("in_progress", []) }),
    event("response.content_part.added", { ...at, part: outputText("") }),
    ...answer.chunks.map((delta) => event("response.output_text.delta", { ...at, delta, logprobs: [] })),
    event("response.output_text.done", { ...at, text, logprobs: [] }),
    event("response.content_part.done", { ...at, part: outputText(text) }),
    event("response.output_item.done", { output_index: 0, item: done }),
    event("response.completed", { response: response({ model: answer.model, status: "completed", output: [done], usage: answer.usage }) }),
  ];
}
