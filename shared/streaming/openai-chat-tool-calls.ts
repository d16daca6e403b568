// Tool calls in OpenAI chat answers: each call's input (`tool_calls[k].function.arguments`, JSON; a custom tool's
// free-form `tool_calls[k].custom.input`; the legacy `function_call.arguments`) is read by the client's code, and
// screened on a channel of its own per call: `t{i}:{k}` for choice i, call k (`t{i}:function_call` for the legacy
// call). Closing `t{i}` ends all of a choice's calls.
import type { ChunkTemplate } from "./openai-chat-surface";
import { isRecord, type BodyText, type ScreenedText, type TextForm, type TextPart } from "./surface";

const LEGACY = "function_call";

/** Where a call keeps its input, by the call's kind: the object under `key`, its field `field`. */
const CALL_INPUTS = [
  { key: "function", field: "arguments", form: "json" },
  { key: "custom", field: "input", form: "raw" },
] as const satisfies readonly { key: string; field: string; form: TextForm }[];
type CallInput = (typeof CALL_INPUTS)[number];

/** The call's input: which kind of call it is, the object holding it and its text. */
function inputOf(call: unknown): { kind: CallInput; holder: Record<string, unknown>; text: string } | undefined {
  if (!isRecord(call)) return undefined;
  for (const kind of CALL_INPUTS) {
    const holder = call[kind.key];
    if (isRecord(holder) && typeof holder[kind.field] === "string") return { kind, holder, text: holder[kind.field] as string };
  }
  return undefined;
}

export const toolChannelOf = (choiceIndex: unknown, callIndex?: unknown): string =>
  callIndex === undefined ? `t${String(choiceIndex)}` : `t${String(choiceIndex)}:${String(callIndex)}`;

/** What a delta's tool calls hold: their inputs as text parts, and the delta fields that remain without them. */
export interface ToolCallsRead {
  texts: TextPart[];
  /** `tool_calls` / `function_call` as they go out without their inputs; undefined where nothing is left. */
  deltaFields: Record<string, unknown>;
  /** A call starts here (it has an id or a name): the calls before it are complete. */
  opens: boolean;
}

function argumentsOf(call: unknown): string | undefined {
  return isRecord(call) && typeof call.arguments === "string" ? call.arguments : undefined;
}

/** `call` with its input emptied; undefined when nothing but its index would be left (a pure input fragment). */
function withoutInput(call: Record<string, unknown>, input: NonNullable<ReturnType<typeof inputOf>>): Record<string, unknown> | undefined {
  const { [input.kind.field]: _input, ...header } = input.holder;
  const { index: _index, [input.kind.key]: _holder, ...others } = call;
  if (Object.keys(header).length === 0 && Object.keys(others).length === 0) return undefined;
  return { ...call, [input.kind.key]: { ...header, [input.kind.field]: "" } };
}

export function readToolCalls(options: { chunk: Record<string, unknown>; choice: Record<string, unknown>; delta: Record<string, unknown> }): ToolCallsRead | undefined {
  const { chunk, choice, delta } = options;
  const calls = delta.tool_calls;
  const legacy = delta[LEGACY];
  if (calls === undefined && legacy === undefined) return undefined;
  const read: ToolCallsRead = { texts: [], deltaFields: {}, opens: false };
  const template = (deltaOpen: string, deltaClose: string): ChunkTemplate => ({ chunk, index: choice.index, deltaOpen, deltaClose, hadLogprobs: "logprobs" in choice });
  if (Array.isArray(calls)) {
    const rest: unknown[] = [];
    for (const call of calls) {
      const input = inputOf(call);
      if (!isRecord(call) || !input || input.text.length === 0) {
        rest.push(call);
      } else {
        const { key, field, form } = input.kind;
        const deltaOpen = `"tool_calls":[{"index":${JSON.stringify(call.index ?? 0)},"${key}":{"${field}":`;
        read.texts.push({ channel: toolChannelOf(choice.index, call.index), text: input.text, template: template(deltaOpen, "}}]"), form });
        const header = withoutInput(call, input);
        if (header) rest.push(header);
      }
      if (isRecord(call) && (call.id !== undefined || input?.holder.name !== undefined)) read.opens = true;
    }
    read.deltaFields.tool_calls = rest.length > 0 ? rest : undefined;
  } else if (calls !== undefined) {
    read.deltaFields.tool_calls = calls;
  }
  if (legacy !== undefined) {
    const text = argumentsOf(legacy);
    if (isRecord(legacy) && text !== undefined && text.length > 0) {
      read.texts.push({ channel: toolChannelOf(choice.index, LEGACY), text, template: template(`"${LEGACY}":{"arguments":`, "}"), form: "json" });
      const { arguments: _arguments, ...header } = legacy;
      read.deltaFields[LEGACY] = Object.keys(header).length > 0 ? { ...header, arguments: "" } : undefined;
    } else {
      read.deltaFields[LEGACY] = legacy;
    }
    if (isRecord(legacy) && legacy.name !== undefined) read.opens = true;
  }
  return read;
}

/** The inputs of a whole answer's tool calls (a message's `tool_calls`, or its legacy `function_call`). */
export function toolCallTexts(choiceIndex: unknown, message: Record<string, unknown>): BodyText[] {
  const texts: BodyText[] = [];
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call: unknown, k: number) => {
      const input = inputOf(call);
      if (input) texts.push({ channel: toolChannelOf(choiceIndex, k), text: input.text, form: input.kind.form });
    });
  }
  const legacy = argumentsOf(message[LEGACY]);
  if (legacy !== undefined) texts.push({ channel: toolChannelOf(choiceIndex, LEGACY), text: legacy, form: "json" });
  return texts;
}

/** The message fields holding tool calls whose input `texts` replaces, rewritten; the others are left out. */
export function toolCallsWithTexts(choiceIndex: unknown, message: Record<string, unknown>, texts: ReadonlyMap<string, ScreenedText>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (Array.isArray(message.tool_calls) && message.tool_calls.some((_call: unknown, k: number) => texts.has(toolChannelOf(choiceIndex, k)))) {
    fields.tool_calls = message.tool_calls.map((call: unknown, k: number) => {
      const screened = texts.get(toolChannelOf(choiceIndex, k));
      const input = inputOf(call);
      return screened && input ? { ...(call as Record<string, unknown>), [input.kind.key]: { ...input.holder, [input.kind.field]: screened.text } } : call;
    });
  }
  const legacy = texts.get(toolChannelOf(choiceIndex, LEGACY));
  if (legacy && isRecord(message[LEGACY])) fields[LEGACY] = { ...message[LEGACY], arguments: legacy.text };
  return fields;
}
