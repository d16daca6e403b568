// Tool calls in OpenAI Responses answers: a call item's input is model text the client (or the provider) acts on.
// Function and MCP calls carry JSON `arguments`, custom tools a free-form `input`, code-interpreter calls the `code`
// the provider runs and shows; each streams as deltas and is repeated whole by its `*.done` event, the item's `done`
// and `response.completed`. MCP approval requests carry the arguments the provider will send an MCP server once the
// client approves, but stream no deltas: their item's `done` carries them first. One channel per item: `f{o}`. Tool
// results (an MCP call's output, a code-interpreter call's logs) also arrive first in their item's `done`: `t{o}…`.
import { EMBEDDED_TEXT, isRecord, type TextForm, type TextPart } from "./surface";

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

/** A tool's result an item carries: its channel and text, and which field of the item holds it. */
export interface ItemResult {
  channel: string;
  text: string;
  /** The index into `outputs` of a code-interpreter logs entry; absent for an MCP call's `output`. */
  logsIndex?: number;
}

/**
 * Tool results an item carries, shown to users beside the answer: an MCP call's `output` (the MCP server's answer),
 * channel `t{o}`, and a code-interpreter call's logs (`outputs[k].logs`, present when the request includes them),
 * channels `t{o}:{k}`. Screened and redacted like the answer.
 */
export function itemResults(item: Record<string, unknown>, outputIndex: unknown): ItemResult[] {
  if (item.type === "mcp_call" && typeof item.output === "string") return [{ channel: `t${String(outputIndex)}`, text: item.output }];
  if (item.type !== "code_interpreter_call" || !Array.isArray(item.outputs)) return [];
  const results: ItemResult[] = [];
  item.outputs.forEach((output: unknown, k: number) => {
    if (isRecord(output) && output.type === "logs" && typeof output.logs === "string") results.push({ channel: `t${String(outputIndex)}:${k}`, text: output.logs, logsIndex: k });
  });
  return results;
}

/** `item` with one of its results' text set to `text`. */
export function withResultText(item: Record<string, unknown>, result: ItemResult, text: string): Record<string, unknown> {
  if (result.logsIndex === undefined) return { ...item, output: text };
  const outputs = (item.outputs as unknown[]).map((entry, j) => (j === result.logsIndex ? { ...(entry as object), logs: text } : entry));
  return { ...item, outputs };
}

/**
 * The texts an item `done` event is the first to carry (an MCP approval request's arguments, tool results): they go
 * out inside the event (EMBEDDED_TEXT), written as released.
 */
export function itemDoneTexts(body: Record<string, unknown>): TextPart[] {
  if (!isRecord(body.item)) return [];
  const texts: TextPart[] = [];
  const input = itemInput(body.item);
  if (input && input.delta === undefined && input.text.length > 0) {
    texts.push({ channel: inputChannelOf(body.output_index), text: input.text, template: EMBEDDED_TEXT, form: input.kind.form });
  }
  for (const result of itemResults(body.item, body.output_index)) {
    if (result.text.length > 0) texts.push({ channel: result.channel, text: result.text, template: EMBEDDED_TEXT });
  }
  return texts;
}
