// Tool calls in OpenAI Responses answers: a call item's input is model text the client (or the provider) acts on.
// Function and MCP calls carry JSON `arguments`, custom tools a free-form `input`, code-interpreter calls the `code`
// the provider runs and shows; each streams as deltas and is repeated whole by its `*.done` event, the item's `done`
// and `response.completed`. One channel per item: `f{o}`. (MCP approval requests carry arguments too, but never as
// deltas, so there is no event to release screened text through: they pass unscreened, like other items.)
import type { TextForm } from "./surface";

export interface ToolInputKind {
  field: "arguments" | "input" | "code";
  form: TextForm;
}
const ARGUMENTS: ToolInputKind = { field: "arguments", form: "json" };
const FREE_FORM: ToolInputKind = { field: "input", form: "raw" };
const CODE: ToolInputKind = { field: "code", form: "raw" };

/** Delta events carrying a call's input, by type; `DONE_EVENTS` repeat it whole. */
export const INPUT_DELTAS = new Map<unknown, ToolInputKind>([
  ["response.function_call_arguments.delta", ARGUMENTS],
  ["response.mcp_call_arguments.delta", ARGUMENTS],
  ["response.custom_tool_call_input.delta", FREE_FORM],
  ["response.code_interpreter_call_code.delta", CODE],
]);
export const INPUT_DONES = new Map<unknown, ToolInputKind>([
  ["response.function_call_arguments.done", ARGUMENTS],
  ["response.mcp_call_arguments.done", ARGUMENTS],
  ["response.custom_tool_call_input.done", FREE_FORM],
  ["response.code_interpreter_call_code.done", CODE],
]);

export const inputChannelOf = (outputIndex: unknown): string => `f${String(outputIndex)}`;

/** Output items that call a tool, by type: where their input is, and the delta event that streams it. */
const CALL_ITEMS = new Map<unknown, { kind: ToolInputKind; delta: string }>([
  ["function_call", { kind: ARGUMENTS, delta: "response.function_call_arguments.delta" }],
  ["mcp_call", { kind: ARGUMENTS, delta: "response.mcp_call_arguments.delta" }],
  ["custom_tool_call", { kind: FREE_FORM, delta: "response.custom_tool_call_input.delta" }],
  ["code_interpreter_call", { kind: CODE, delta: "response.code_interpreter_call_code.delta" }],
]);

/** The input an output item holds, if it is a tool call: its kind, text and delta event. */
export function itemInput(item: Record<string, unknown>): { kind: ToolInputKind; text: string; delta: string } | undefined {
  const call = CALL_ITEMS.get(item.type);
  const text = call && item[call.kind.field];
  return call && typeof text === "string" ? { kind: call.kind, text, delta: call.delta } : undefined;
}
