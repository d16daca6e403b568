// Tool calls in OpenAI chat answers: each call's arguments (`tool_calls[k].function.arguments`, and the legacy
// `function_call.arguments`) are JSON the client's code parses, screened on a channel of their own per call: `t{i}:{k}`
// for choice i, call k (`t{i}:function_call` for the legacy call). Closing `t{i}` ends all of a choice's calls.
import type { ChunkTemplate } from "./openai-chat-surface";
import { isRecord, type BodyText, type ScreenedText, type TextPart } from "./surface";

const LEGACY = "function_call";

export const toolChannelOf = (choiceIndex: unknown, callIndex?: unknown): string =>
  callIndex === undefined ? `t${String(choiceIndex)}` : `t${String(choiceIndex)}:${String(callIndex)}`;

/** What a delta's tool calls hold: their arguments as text parts, and the delta fields that remain without them. */
export interface ToolCallsRead {
  texts: TextPart[];
  /** `tool_calls` / `function_call` as they go out without their arguments; undefined where nothing is left. */
  deltaFields: Record<string, unknown>;
  /** A call starts here (it has an id or a name): the calls before it are complete. */
  opens: boolean;
}

function argumentsOf(call: unknown): string | undefined {
  return isRecord(call) && typeof call.arguments === "string" ? call.arguments : undefined;
}

/** `call` with its arguments emptied; undefined when nothing but its index would be left (a pure argument fragment). */
function withoutArguments(call: Record<string, unknown>, fn: Record<string, unknown>): Record<string, unknown> | undefined {
  const { arguments: _arguments, ...header } = fn;
  const { index: _index, function: _function, ...others } = call;
  if (Object.keys(header).length === 0 && Object.keys(others).length === 0) return undefined;
  return { ...call, function: { ...header, arguments: "" } };
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
      const fn = isRecord(call) ? call.function : undefined;
      const text = argumentsOf(fn);
      if (!isRecord(call) || !isRecord(fn) || text === undefined || text.length === 0) {
        rest.push(call);
      } else {
        const deltaOpen = `"tool_calls":[{"index":${JSON.stringify(call.index ?? 0)},"function":{"arguments":`;
        read.texts.push({ channel: toolChannelOf(choice.index, call.index), text, template: template(deltaOpen, "}}]"), form: "json" });
        const header = withoutArguments(call, fn);
        if (header) rest.push(header);
      }
      if (isRecord(call) && (call.id !== undefined || (isRecord(fn) && fn.name !== undefined))) read.opens = true;
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

/** The arguments of a whole answer's tool calls (a message's `tool_calls`, or its legacy `function_call`). */
export function toolCallTexts(choiceIndex: unknown, message: Record<string, unknown>): BodyText[] {
  const texts: BodyText[] = [];
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call: unknown, k: number) => {
      const text = isRecord(call) ? argumentsOf(call.function) : undefined;
      if (text !== undefined) texts.push({ channel: toolChannelOf(choiceIndex, k), text, form: "json" });
    });
  }
  const legacy = argumentsOf(message[LEGACY]);
  if (legacy !== undefined) texts.push({ channel: toolChannelOf(choiceIndex, LEGACY), text: legacy, form: "json" });
  return texts;
}

/** The message fields holding tool calls whose arguments `texts` replaces, rewritten; the others are left out. */
export function toolCallsWithTexts(choiceIndex: unknown, message: Record<string, unknown>, texts: ReadonlyMap<string, ScreenedText>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (Array.isArray(message.tool_calls) && message.tool_calls.some((_call: unknown, k: number) => texts.has(toolChannelOf(choiceIndex, k)))) {
    fields.tool_calls = message.tool_calls.map((call: unknown, k: number) => {
      const screened = texts.get(toolChannelOf(choiceIndex, k));
      return screened && isRecord(call) && isRecord(call.function) ? { ...call, function: { ...call.function, arguments: screened.text } } : call;
    });
  }
  const legacy = texts.get(toolChannelOf(choiceIndex, LEGACY));
  if (legacy && isRecord(message[LEGACY])) fields[LEGACY] = { ...message[LEGACY], arguments: legacy.text };
  return fields;
}
