// The fake provider's tool-calling answers (`*-tool-call` models): the model calls `send_note` with the answer text
// as its `note` argument, in each API's wire format, whole or streamed with the arguments cut into pieces.
import { splitInto } from "./split-into";

export type ToolCallDialect = "chat" | "messages" | "responses";

const NAME = "send_note";
const usage = { input_tokens: 12, output_tokens: 20 };

/** The arguments JSON the fake model writes for an answer text. */
export const toolArgumentsFor = (text: string): string => JSON.stringify({ note: text });

export function toolCallBody(options: { dialect: ToolCallDialect; model: string; text: string }): unknown {
  const { dialect, model } = options;
  const args = toolArgumentsFor(options.text);
  if (dialect === "messages") {
    return { id: "msg_tool", type: "message", role: "assistant", model, content: [{ type: "tool_use", id: "toolu_fake", name: NAME, input: JSON.parse(args) }], stop_reason: "tool_use", stop_sequence: null, usage };
  }
  if (dialect === "responses") {
    return { id: "resp_tool", object: "response", created_at: 1, status: "completed", model, output: [functionCall(args, "completed")], usage: { ...usage, total_tokens: 32 } };
  }
  const message = { role: "assistant", content: null, refusal: null, tool_calls: [{ id: "call_fake", type: "function", function: { name: NAME, arguments: args } }] };
  return { id: "chatcmpl-tool", object: "chat.completion", created: 1, model, choices: [{ index: 0, message, logprobs: null, finish_reason: "tool_calls" }], usage: { prompt_tokens: 12, completion_tokens: 20, total_tokens: 32 } };
}

function functionCall(args: string, status: string) {
  return { id: "fc_fake", type: "function_call", call_id: "call_fake", name: NAME, arguments: args, status };
}

/** The streamed answer, one string per SSE event. */
export function toolCallEvents(options: { dialect: ToolCallDialect; model: string; text: string }): string[] {
  const { dialect, model } = options;
  const args = toolArgumentsFor(options.text);
  const pieces = splitInto(args, 5);
  let sequence = 0;
  const named = (type: string, fields: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields, ...(dialect === "responses" ? { sequence_number: sequence++ } : {}) })}\n\n`;
  if (dialect === "messages") {
    return [
      named("message_start", { message: { id: "msg_tool", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } }),
      named("content_block_start", { index: 0, content_block: { type: "tool_use", id: "toolu_fake", name: NAME, input: {} } }),
      ...pieces.map((partial_json) => named("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json } })),
      named("content_block_stop", { index: 0 }),
      named("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }),
      named("message_stop", {}),
    ];
  }
  if (dialect === "responses") {
    const response = (status: string, output: unknown[]) => ({ id: "resp_tool", object: "response", created_at: 1, status, model, output, usage: status === "completed" ? { ...usage, total_tokens: 32 } : null });
    const at = { item_id: "fc_fake", output_index: 0 };
    return [
      named("response.created", { response: response("in_progress", []) }),
      named("response.output_item.added", { output_index: 0, item: functionCall("", "in_progress") }),
      ...pieces.map((delta) => named("response.function_call_arguments.delta", { ...at, delta })),
      named("response.function_call_arguments.done", { ...at, arguments: args }),
      named("response.output_item.done", { output_index: 0, item: functionCall(args, "completed") }),
      named("response.completed", { response: response("completed", [functionCall(args, "completed")]) }),
    ];
  }
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id: "chatcmpl-tool", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  return [
    chunk({ role: "assistant", content: null, tool_calls: [{ index: 0, id: "call_fake", type: "function", function: { name: NAME, arguments: "" } }] }, null),
    ...pieces.map((piece) => chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null)),
    chunk({}, "tool_calls"),
    "data: [DONE]\n\n",
  ];
}
