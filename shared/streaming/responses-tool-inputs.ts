// Tool calls in OpenAI Responses answers: a call item's input is model text the client (or the provider) acts on.
// Function and MCP calls carry JSON `arguments`, custom tools a free-form `input`, code-interpreter calls the `code`
// the provider runs and shows; each streams as deltas and is repeated whole by its `*.done` event, the item's `done`
// and `response.completed`. MCP approval requests carry the arguments the provider will send an MCP server once the
// client approves, but stream no deltas: their item's `done` carries them first. One channel per item: `f{o}`. An MCP
// call's result (`output`, the MCP server's answer) also arrives first in its item's `done`: channel `t{o}`.
import type { SseEvent } from "./sse-parser";
import { isRecord, type TextForm, type TextPart } from "./surface";

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

/** Output items that call a tool, by type: where their input is, and the delta event that streams it (if any). */
const CALL_ITEMS = new Map<unknown, { kind: ToolInputKind; delta: string | undefined }>([
  ["function_call", { kind: ARGUMENTS, delta: "response.function_call_arguments.delta" }],
  ["mcp_call", { kind: ARGUMENTS, delta: "response.mcp_call_arguments.delta" }],
  ["custom_tool_call", { kind: FREE_FORM, delta: "response.custom_tool_call_input.delta" }],
  ["code_interpreter_call", { kind: CODE, delta: "response.code_interpreter_call_code.delta" }],
  ["mcp_approval_request", { kind: ARGUMENTS, delta: undefined }],
]);

/** The input an output item holds, if it is a tool call: its kind, text and delta event. */
export function itemInput(item: Record<string, unknown>): { kind: ToolInputKind; text: string; delta: string | undefined } | undefined {
  const call = CALL_ITEMS.get(item.type);
  const text = call && item[call.kind.field];
  return call && typeof text === "string" ? { kind: call.kind, text, delta: call.delta } : undefined;
}

/** Tool results an item carries (an MCP server's answer): shown to users, so screened and redacted like the answer. */
const OUTPUT_ITEMS = new Set<unknown>(["mcp_call"]);

export const outputChannelOf = (outputIndex: unknown): string => `t${String(outputIndex)}`;

/** The tool result an output item holds, if it is one that carries one. */
export function itemOutput(item: Record<string, unknown>): string | undefined {
  return OUTPUT_ITEMS.has(item.type) && typeof item.output === "string" ? item.output : undefined;
}

/** An item's `done` event that carries a text first (an input no delta streamed, a tool's result): written around it. */
export interface ItemDoneTemplate {
  event: string | undefined;
  itemDone: Record<string, unknown> & { item: Record<string, unknown> };
}

/** The text an item `done` event is the first to carry (an MCP approval request's arguments, an MCP call's result). */
export function itemDoneText(event: SseEvent, body: Record<string, unknown>): TextPart | undefined {
  if (!isRecord(body.item)) return undefined;
  const template: ItemDoneTemplate = { event: event.event, itemDone: body as ItemDoneTemplate["itemDone"] };
  const input = itemInput(body.item);
  if (input && input.delta === undefined && input.text.length > 0) {
    return { channel: inputChannelOf(body.output_index), text: input.text, template, form: input.kind.form };
  }
  const output = itemOutput(body.item);
  return output ? { channel: outputChannelOf(body.output_index), text: output, template } : undefined;
}

export function isItemDoneTemplate(template: unknown): template is ItemDoneTemplate {
  return isRecord(template) && isRecord(template.itemDone);
}
