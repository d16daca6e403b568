// Tool calls in OpenAI Responses answers: a call item's input is read by the client's code. Function and MCP calls
// carry JSON `arguments`, custom tools a free-form `input`; each streams as deltas and is repeated whole by its
// `*.done` event, the item's `done` and `response.completed`. One channel per item: `f{o}`. (MCP approval requests
// carry arguments too, but never as deltas: they pass unscreened, like other items.)
import type { TextForm } from "./surface";

export interface ToolInputKind {
  field: "arguments" | "input";
  form: TextForm;
}
const ARGUMENTS: ToolInputKind = { field: "arguments", form: "json" };
const FREE_FORM: ToolInputKind = { field: "input", form: "raw" };

/** Delta events carrying a call's input, by type; `DONE_EVENTS` repeat it whole. */
export const INPUT_DELTAS = new Map<unknown, ToolInputKind>([
  ["response.function_call_arguments.delta", ARGUMENTS],
  ["response.mcp_call_arguments.delta", ARGUMENTS],
  ["response.custom_tool_call_input.delta", FREE_FORM],
]);
export const INPUT_DONES = new Map<unknown, ToolInputKind>([
  ["response.function_call_arguments.done", ARGUMENTS],
  ["response.mcp_call_arguments.done", ARGUMENTS],
  ["response.custom_tool_call_input.done", FREE_FORM],
]);

export const inputChannelOf = (outputIndex: unknown): string => `f${String(outputIndex)}`;

/** Output items that call a tool, by type: where their input is. */
const CALL_ITEMS = new Map<unknown, ToolInputKind>([
  ["function_call", ARGUMENTS],
  ["mcp_call", ARGUMENTS],
  ["custom_tool_call", FREE_FORM],
]);

/** The input an output item holds, if it is a tool call: its kind and text. */
export function itemInput(item: Record<string, unknown>): { kind: ToolInputKind; text: string } | undefined {
  const kind = CALL_ITEMS.get(item.type);
  const text = kind && item[kind.field];
  return kind && typeof text === "string" ? { kind, text } : undefined;
}
