// The OpenAI Responses dialect (/v1/responses): named events `response.*`, text in `response.output_text.delta` per
// (output item, content part). Unlike chat, later events repeat the whole text: `output_text.done`, `content_part.done`,
// `output_item.done` and the final `response.completed` (which the official SDK returns as the final response). Those
// copies are rewritten with exactly the text the client was sent (withReleasedTexts), so a redacted or held-back
// word can never come back through them. Refusals, reasoning summaries and reasoning text (open models) are model
// text shown to users: screened the same way, on channels of their own; so are tool calls' inputs
// (responses-tool-inputs.ts). Encrypted reasoning passes through.
import { withMovedOffsets } from "./offset-map";
import type { SseEvent } from "./sse-parser";
import {
  finiteNumber,
  isRecord,
  parseJsonObject,
  surfaceRead,
  type BodyText,
  type ScreenedText,
  type StreamErrorInfo,
  type StreamSurface,
  type StreamUsage,
  type SurfaceRead,
} from "./surface";
import { INPUT_DELTAS, INPUT_DONES, inputChannelOf, inputOfItemDone, isItemDoneTemplate, itemInput, writeItemDone } from "./responses-tool-inputs";

/** A delta event minus its text: what writeText copies for each released piece. */
interface DeltaTemplate {
  event: string | undefined;
  fields: Record<string, unknown>;
}

/** Content parts the user reads, by part type: the field holding the text, and the events streaming and repeating it. */
interface TextPartKind {
  field: "text" | "refusal";
  delta: string;
  done: string;
}
const TEXT_PARTS = new Map<unknown, TextPartKind>([
  ["output_text", { field: "text", delta: "response.output_text.delta", done: "response.output_text.done" }],
  ["refusal", { field: "refusal", delta: "response.refusal.delta", done: "response.refusal.done" }],
  ["reasoning_text", { field: "text", delta: "response.reasoning_text.delta", done: "response.reasoning_text.done" }],
]);
const DELTA_EVENTS = new Set<unknown>([...TEXT_PARTS.values()].map((kind) => kind.delta));
/** Each `*.done` event type with the field that repeats its part's whole text. */
const DONE_FIELDS = new Map<unknown, TextPartKind["field"]>([...TEXT_PARTS.values()].map((kind) => [kind.done, kind.field]));

const channelOf = (outputIndex: unknown, contentIndex: unknown): string => `r${String(outputIndex)}:${String(contentIndex)}`;
/** A reasoning item's summary part: model text shown to users like the answer, screened like it. */
const summaryChannelOf = (outputIndex: unknown, summaryIndex: unknown): string => `s${String(outputIndex)}:${String(summaryIndex)}`;

function usageOf(value: unknown): StreamUsage | undefined {
  if (!isRecord(value)) return undefined;
  return { input_tokens: finiteNumber(value.input_tokens), output_tokens: finiteNumber(value.output_tokens) };
}

/** The channels of one output item's texts (its content parts, a reasoning item's summary), closed by its `done`. */
function itemChannels(outputIndex: unknown, item: unknown): string[] {
  if (!isRecord(item)) return [];
  const channels = Array.isArray(item.content) ? item.content.map((_part: unknown, contentIndex: number) => channelOf(outputIndex, contentIndex)) : [];
  if (Array.isArray(item.summary)) item.summary.forEach((_part: unknown, summaryIndex: number) => channels.push(summaryChannelOf(outputIndex, summaryIndex)));
  if (itemInput(item)) channels.push(inputChannelOf(outputIndex));
  return channels;
}

/** A part's screened text, when it is a part the user reads. */
function partText(part: unknown): { kind: TextPartKind; text: string } | undefined {
  const kind = isRecord(part) ? TEXT_PARTS.get(part.type) : undefined;
  const text = kind && isRecord(part) ? part[kind.field] : undefined;
  return kind && typeof text === "string" ? { kind, text } : undefined;
}

function read(event: SseEvent): SurfaceRead {
  const body = parseJsonObject(event.data);
  const type = typeof body?.type === "string" ? body.type : event.event;
  if (!body) return type === "error" ? surfaceRead({ rest: event, upstreamError: true, closes: "all" }) : surfaceRead({ rest: event });
  if (DELTA_EVENTS.has(type)) {
    if (typeof body.delta !== "string") return surfaceRead({ rest: event });
    // Logprobs repeat the raw tokens, so they go nowhere once the text is screened.
    const { delta: _delta, logprobs, ...fields } = body;
    const template: DeltaTemplate = { event: event.event, fields: logprobs === undefined ? fields : { ...fields, logprobs: [] } };
    return surfaceRead({ rest: null, texts: [{ channel: channelOf(body.output_index, body.content_index), text: body.delta, template }] });
  }
  if (DONE_FIELDS.has(type)) return surfaceRead({ rest: event, embedsTexts: true, closes: [channelOf(body.output_index, body.content_index)] });
  const input = INPUT_DELTAS.get(type);
  if (input) {
    if (typeof body.delta !== "string") return surfaceRead({ rest: event });
    const { delta: _delta, ...fields } = body;
    const template: DeltaTemplate = { event: event.event, fields };
    return surfaceRead({ rest: null, texts: [{ channel: inputChannelOf(body.output_index), text: body.delta, template, form: input.form }] });
  }
  if (INPUT_DONES.has(type)) return surfaceRead({ rest: event, embedsTexts: true, closes: [inputChannelOf(body.output_index)] });
  switch (type) {
    case "response.reasoning_summary_text.delta": {
      if (typeof body.delta !== "string") return surfaceRead({ rest: event });
      const { delta: _delta, ...fields } = body;
      const template: DeltaTemplate = { event: event.event, fields };
      return surfaceRead({ rest: null, texts: [{ channel: summaryChannelOf(body.output_index, body.summary_index), text: body.delta, template }] });
    }
    case "response.reasoning_summary_text.done":
    case "response.reasoning_summary_part.done":
      return surfaceRead({ rest: event, embedsTexts: true, closes: [summaryChannelOf(body.output_index, body.summary_index)] });
    case "response.content_part.added": {
      // A part may open with text in it: screen that like a delta; the event itself goes out with the part empty.
      const opening = partText(body.part);
      if (opening && opening.text.length > 0) {
        const template: DeltaTemplate = {
          event: opening.kind.delta,
          fields: { type: opening.kind.delta, item_id: body.item_id, output_index: body.output_index, content_index: body.content_index },
        };
        const channel = channelOf(body.output_index, body.content_index);
        return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true, texts: [{ channel, text: opening.text, template }] });
      }
      return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true });
    }
    case "response.created":
    case "response.in_progress":
    case "response.queued":
      return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true });
    case "response.output_item.added": {
      // A tool call may open with its whole input in it (servers that stream no deltas): screened like a delta, and
      // the item goes out with the input released so far (none). An input no delta type exists for waits for `done`.
      const input = isRecord(body.item) ? itemInput(body.item) : undefined;
      if (!input || input.text.length === 0 || input.delta === undefined) return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true });
      const template: DeltaTemplate = { event: input.delta, fields: { type: input.delta, item_id: (body.item as Record<string, unknown>).id, output_index: body.output_index } };
      const texts = [{ channel: inputChannelOf(body.output_index), text: input.text, template, form: input.kind.form }];
      return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true, texts });
    }
    case "response.output_text.annotation.added":
      // Cites the text before it by offset: it waits for that text to be released and points into what was.
      return surfaceRead({ rest: event, embedsTexts: true });
    case "response.content_part.done":
      return surfaceRead({ rest: event, embedsTexts: true, closes: [channelOf(body.output_index, body.content_index)] });
    case "response.output_item.done": {
      const closes = itemChannels(body.output_index, body.item);
      // An input no delta streamed (an MCP approval request's) arrives here: screened as this event's text, which
      // goes out once, whole, as the channel closes with it, written back into the event.
      const input = inputOfItemDone(event, body);
      return input ? surfaceRead({ rest: null, texts: [input], closes }) : surfaceRead({ rest: event, embedsTexts: true, closes });
    }
    case "response.completed":
    case "response.incomplete": {
      const response = isRecord(body.response) ? body.response : undefined;
      return surfaceRead({ rest: event, embedsTexts: true, closes: "all", terminal: true, usage: usageOf(response?.usage) });
    }
    case "response.failed":
    case "error":
      return surfaceRead({ rest: event, embedsTexts: true, closes: "all", upstreamError: true });
    default:
      return surfaceRead({ rest: event }); // encrypted reasoning, later additions
  }
}

function writeText(options: { template: unknown; text: string }): SseEvent {
  if (isItemDoneTemplate(options.template)) return writeItemDone(options.template, options.text);
  const template = options.template as DeltaTemplate;
  return { event: template.event, data: JSON.stringify({ ...template.fields, delta: options.text }) };
}

/**
 * `part` with its text set to `screened` when it is a part the user reads, and its citations moved with the text.
 * Logprobs repeat the raw tokens, so they go once the text changed.
 */
function partWithText(part: unknown, screened: ScreenedText | undefined): unknown {
  const own = partText(part);
  if (!own || !isRecord(part)) return part;
  const text = screened?.text ?? "";
  if (text === own.text) return part;
  const moved: Record<string, unknown> = { ...part, [own.kind.field]: text, ...("logprobs" in part ? { logprobs: [] } : {}) };
  if (screened && Array.isArray(part.annotations)) moved.annotations = part.annotations.map((annotation: unknown) => withMovedOffsets(annotation, screened.offsets));
  return moved;
}

/** A reasoning summary part with its text set to `screened`. */
function summaryWithText(part: unknown, screened: ScreenedText | undefined): unknown {
  if (!isRecord(part) || typeof part.text !== "string") return part;
  const text = screened?.text ?? "";
  return text === part.text ? part : { ...part, text };
}

/**
 * An output item with each text replaced by its channel's entry in `texts`. `whole` says whether a text missing
 * from `texts` is one nothing was released on (a stream: it becomes "") or one screening left alone (a whole answer).
 */
function itemWithTexts(options: { item: unknown; outputIndex: unknown; texts: ReadonlyMap<string, ScreenedText>; whole: boolean }): unknown {
  const { item, outputIndex, texts, whole } = options;
  if (!isRecord(item)) return item;
  const copy: Record<string, unknown> = { ...item };
  if (item.type === "reasoning" && Array.isArray(item.summary)) {
    copy.summary = item.summary.map((part: unknown, j: number) => {
      const screened = texts.get(summaryChannelOf(outputIndex, j));
      return screened === undefined && whole ? part : summaryWithText(part, screened);
    });
  }
  if ((item.type === "message" || item.type === "reasoning") && Array.isArray(item.content)) {
    copy.content = item.content.map((part: unknown, j: number) => {
      const screened = texts.get(channelOf(outputIndex, j));
      return screened === undefined && whole ? part : partWithText(part, screened);
    });
  }
  const input = itemInput(item);
  if (input) {
    const screened = texts.get(inputChannelOf(outputIndex));
    if (screened !== undefined || !whole) copy[input.kind.field] = screened?.text ?? "";
  }
  return copy;
}

function responseWithTexts(response: unknown, released: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(response) || !Array.isArray(response.output)) return response;
  const output = response.output.map((item: unknown, i: number) => itemWithTexts({ item, outputIndex: i, texts: released, whole: false }));
  // Some servers add the SDK's `output_text` convenience (all message texts joined): rebuilt from what was released.
  if (typeof response.output_text !== "string") return { ...response, output };
  return { ...response, output, output_text: messageTexts(output).map((t) => t.text).join("") };
}

/**
 * An event that repeats answer text, with each text replaced by what was released on its channel ("" if nothing), or
 * one that cites it (`annotation.added`), with the citation's offsets moved into the released text.
 */
function withReleasedTexts(event: SseEvent, released: ReadonlyMap<string, ScreenedText>): SseEvent {
  const body = parseJsonObject(event.data);
  if (!body) return event;
  let rewritten: Record<string, unknown>;
  const type = body.type;
  const channel = channelOf(body.output_index, body.content_index);
  const doneField = DONE_FIELDS.get(type);
  const inputField = INPUT_DONES.get(type)?.field;
  if (doneField && typeof body[doneField] === "string") {
    const { logprobs, ...fields } = body;
    rewritten = { ...fields, [doneField]: released.get(channel)?.text ?? "", ...(logprobs === undefined ? {} : { logprobs: [] }) };
  } else if (inputField && typeof body[inputField] === "string") {
    rewritten = { ...body, [inputField]: released.get(inputChannelOf(body.output_index))?.text ?? "" };
  } else if (type === "response.reasoning_summary_text.done" && typeof body.text === "string") {
    rewritten = { ...body, text: released.get(summaryChannelOf(body.output_index, body.summary_index))?.text ?? "" };
  } else if (type === "response.reasoning_summary_part.done") {
    rewritten = { ...body, part: summaryWithText(body.part, released.get(summaryChannelOf(body.output_index, body.summary_index))) };
  } else if (type === "response.output_text.annotation.added") {
    const screened = released.get(channel);
    if (!screened || screened.text.length === 0) return event;
    rewritten = { ...body, annotation: withMovedOffsets(body.annotation, screened.offsets) };
  } else if (body.part !== undefined) {
    rewritten = { ...body, part: partWithText(body.part, released.get(channel)) };
  } else if (body.item !== undefined) {
    rewritten = { ...body, item: itemWithTexts({ item: body.item, outputIndex: body.output_index, texts: released, whole: false }) };
  } else if (body.response !== undefined) {
    rewritten = { ...body, response: responseWithTexts(body.response, released) };
  } else {
    return event;
  }
  return { ...event, data: JSON.stringify(rewritten) };
}

function errorObject(error: StreamErrorInfo): unknown {
  return { error: { message: error.message, type: error.type, code: error.code, param: null } };
}

/** The channel of a whole answer's top-level `output_text`, when a server sends that convenience field. */
const OUTPUT_TEXT = "output_text";

/** The answer's message texts, in order: what the `output_text` convenience joins. */
function messageTexts(output: readonly unknown[]): BodyText[] {
  const texts: BodyText[] = [];
  output.forEach((item: unknown, i: number) => {
    if (!isRecord(item) || item.type !== "message" || !Array.isArray(item.content)) return;
    item.content.forEach((part: unknown, j: number) => {
      if (isRecord(part) && part.type === "output_text" && typeof part.text === "string") texts.push({ channel: channelOf(i, j), text: part.text });
    });
  });
  return texts;
}

function bodyTexts(body: unknown): BodyText[] {
  if (!isRecord(body) || !Array.isArray(body.output)) return [];
  const texts: BodyText[] = [];
  body.output.forEach((item: unknown, i: number) => {
    if (!isRecord(item)) return;
    if (item.type === "reasoning" && Array.isArray(item.summary)) {
      item.summary.forEach((part: unknown, j: number) => {
        if (isRecord(part) && typeof part.text === "string") texts.push({ channel: summaryChannelOf(i, j), text: part.text });
      });
    }
    if ((item.type === "message" || item.type === "reasoning") && Array.isArray(item.content)) {
      item.content.forEach((part: unknown, j: number) => {
        const own = partText(part);
        if (own) texts.push({ channel: channelOf(i, j), text: own.text });
      });
    }
    const input = itemInput(item);
    if (input) texts.push({ channel: inputChannelOf(i), text: input.text, form: input.kind.form });
  });
  // Screened on its own: it need not equal the parts, and whatever it says reaches the client.
  if (typeof body.output_text === "string") texts.push({ channel: OUTPUT_TEXT, text: body.output_text });
  return texts;
}

function withBodyTexts(body: unknown, texts: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(body) || !Array.isArray(body.output)) return body;
  const output = body.output.map((item: unknown, i: number) => itemWithTexts({ item, outputIndex: i, texts, whole: true }));
  const outputText = texts.get(OUTPUT_TEXT);
  return outputText === undefined ? { ...body, output } : { ...body, output, output_text: outputText.text };
}

export const openAiResponsesSurface: StreamSurface = {
  id: "openai-responses",
  read,
  writeText,
  withReleasedTexts,
  errorEvent: (error) => ({ event: "error", data: JSON.stringify(errorObject(error)) }),
  errorBody: errorObject,
  bodyTexts,
  withBodyTexts,
  bodyUsage: (body) => (isRecord(body) ? usageOf(body.usage) : undefined),
};
