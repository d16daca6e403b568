// The OpenAI Responses dialect (/v1/responses): named events `response.*`, text in `response.output_text.delta` per
// (output item, content part). Unlike chat, later events repeat the whole text: `output_text.done`, `content_part.done`,
// `output_item.done` and the final `response.completed` (which the official SDK returns as the final response). Those
// copies are rewritten with exactly the text the client was sent (withReleasedTexts), so a redacted or held-back
// word can never come back through them. Reasoning summaries and refusals are model text shown to users: screened
// the same way, on channels of their own. Tool-call arguments and encrypted reasoning pass through, as in chat.
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

/** A delta event minus its text: what writeText copies for each released piece. */
interface DeltaTemplate {
  event: string | undefined;
  fields: Record<string, unknown>;
}

const channelOf = (outputIndex: unknown, contentIndex: unknown): string => `r${String(outputIndex)}:${String(contentIndex)}`;
/** A reasoning item's summary part: model text shown to users like the answer, screened like it. */
const summaryChannelOf = (outputIndex: unknown, summaryIndex: unknown): string => `s${String(outputIndex)}:${String(summaryIndex)}`;

function usageOf(value: unknown): StreamUsage | undefined {
  if (!isRecord(value)) return undefined;
  return { input_tokens: finiteNumber(value.input_tokens), output_tokens: finiteNumber(value.output_tokens) };
}

/** The channels of one output item's texts (a message's parts, a reasoning item's summary), closed by its `done`. */
function itemChannels(outputIndex: unknown, item: unknown): string[] {
  if (!isRecord(item)) return [];
  const channels = Array.isArray(item.content) ? item.content.map((_part: unknown, contentIndex: number) => channelOf(outputIndex, contentIndex)) : [];
  if (Array.isArray(item.summary)) item.summary.forEach((_part: unknown, summaryIndex: number) => channels.push(summaryChannelOf(outputIndex, summaryIndex)));
  return channels;
}

function read(event: SseEvent): SurfaceRead {
  const body = parseJsonObject(event.data);
  const type = typeof body?.type === "string" ? body.type : event.event;
  if (!body) return type === "error" ? surfaceRead({ rest: event, upstreamError: true, closes: "all" }) : surfaceRead({ rest: event });
  switch (type) {
    case "response.output_text.delta": {
      if (typeof body.delta !== "string") return surfaceRead({ rest: event });
      // Logprobs repeat the raw tokens, so they go nowhere once the text is screened.
      const { delta: _delta, logprobs, ...fields } = body;
      const template: DeltaTemplate = { event: event.event, fields: logprobs === undefined ? fields : { ...fields, logprobs: [] } };
      return surfaceRead({ rest: null, texts: [{ channel: channelOf(body.output_index, body.content_index), text: body.delta, template }] });
    }
    case "response.refusal.delta": {
      // A refusal is model text the user reads (it can quote what it refuses to repeat): screened on its part's channel.
      if (typeof body.delta !== "string") return surfaceRead({ rest: event });
      const { delta: _delta, ...fields } = body;
      const template: DeltaTemplate = { event: event.event, fields };
      return surfaceRead({ rest: null, texts: [{ channel: channelOf(body.output_index, body.content_index), text: body.delta, template }] });
    }
    case "response.refusal.done":
      return surfaceRead({ rest: event, embedsTexts: true, closes: [channelOf(body.output_index, body.content_index)] });
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
      const part = body.part;
      if (isRecord(part) && part.type === "output_text" && typeof part.text === "string" && part.text.length > 0) {
        const template: DeltaTemplate = {
          event: "response.output_text.delta",
          fields: { type: "response.output_text.delta", item_id: body.item_id, output_index: body.output_index, content_index: body.content_index },
        };
        const channel = channelOf(body.output_index, body.content_index);
        return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true, texts: [{ channel, text: part.text, template }] });
      }
      return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true });
    }
    case "response.created":
    case "response.in_progress":
    case "response.queued":
    case "response.output_item.added":
      return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true });
    case "response.output_text.annotation.added":
      // Cites the text before it by offset: it waits for that text to be released and points into what was.
      return surfaceRead({ rest: event, embedsTexts: true });
    case "response.output_text.done":
    case "response.content_part.done":
      return surfaceRead({ rest: event, embedsTexts: true, closes: [channelOf(body.output_index, body.content_index)] });
    case "response.output_item.done":
      return surfaceRead({ rest: event, embedsTexts: true, closes: itemChannels(body.output_index, body.item) });
    case "response.completed":
    case "response.incomplete": {
      const response = isRecord(body.response) ? body.response : undefined;
      return surfaceRead({ rest: event, embedsTexts: true, closes: "all", terminal: true, usage: usageOf(response?.usage) });
    }
    case "response.failed":
    case "error":
      return surfaceRead({ rest: event, embedsTexts: true, closes: "all", upstreamError: true });
    default:
      return surfaceRead({ rest: event }); // tool-call arguments, encrypted reasoning, later additions
  }
}

function writeText(options: { template: unknown; text: string }): SseEvent {
  const template = options.template as DeltaTemplate;
  return { event: template.event, data: JSON.stringify({ ...template.fields, delta: options.text }) };
}

/**
 * `part` with its text set to what the client was sent on its channel, when it is an output_text part, and its
 * citations moved with the text.
 */
function partWithText(part: unknown, channel: string, released: ReadonlyMap<string, ScreenedText>): unknown {
  if (isRecord(part) && part.type === "refusal" && typeof part.refusal === "string") {
    const refusal = released.get(channel)?.text ?? "";
    return refusal === part.refusal ? part : { ...part, refusal };
  }
  if (!isRecord(part) || part.type !== "output_text" || typeof part.text !== "string") return part;
  const screened = released.get(channel);
  const text = screened?.text ?? "";
  if (text === part.text) return part;
  const moved: Record<string, unknown> = { ...part, text };
  if (screened && Array.isArray(part.annotations)) moved.annotations = part.annotations.map((annotation: unknown) => withMovedOffsets(annotation, screened.offsets));
  return moved;
}

/** A reasoning summary part with its text set to what the client was sent on its channel. */
function summaryWithText(part: unknown, channel: string, released: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(part) || typeof part.text !== "string") return part;
  const text = released.get(channel)?.text ?? "";
  return text === part.text ? part : { ...part, text };
}

function itemWithTexts(item: unknown, outputIndex: unknown, released: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(item)) return item;
  if (item.type === "reasoning" && Array.isArray(item.summary)) {
    return { ...item, summary: item.summary.map((part: unknown, j: number) => summaryWithText(part, summaryChannelOf(outputIndex, j), released)) };
  }
  if (item.type !== "message" || !Array.isArray(item.content)) return item;
  return { ...item, content: item.content.map((part: unknown, j: number) => partWithText(part, channelOf(outputIndex, j), released)) };
}

function responseWithTexts(response: unknown, released: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(response) || !Array.isArray(response.output)) return response;
  const output = response.output.map((item: unknown, i: number) => itemWithTexts(item, i, released));
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
  const channel = channelOf(body.output_index, body.content_index);
  if (body.type === "response.output_text.done" && typeof body.text === "string") {
    const { logprobs, ...fields } = body;
    rewritten = { ...fields, text: released.get(channel)?.text ?? "", ...(logprobs === undefined ? {} : { logprobs: [] }) };
  } else if (body.type === "response.refusal.done" && typeof body.refusal === "string") {
    rewritten = { ...body, refusal: released.get(channel)?.text ?? "" };
  } else if (body.type === "response.reasoning_summary_text.done" && typeof body.text === "string") {
    rewritten = { ...body, text: released.get(summaryChannelOf(body.output_index, body.summary_index))?.text ?? "" };
  } else if (body.type === "response.reasoning_summary_part.done") {
    rewritten = { ...body, part: summaryWithText(body.part, summaryChannelOf(body.output_index, body.summary_index), released) };
  } else if (body.type === "response.output_text.annotation.added") {
    const screened = released.get(channel);
    if (!screened || screened.text.length === 0) return event;
    rewritten = { ...body, annotation: withMovedOffsets(body.annotation, screened.offsets) };
  } else if (body.part !== undefined) {
    rewritten = { ...body, part: partWithText(body.part, channel, released) };
  } else if (body.item !== undefined) {
    rewritten = { ...body, item: itemWithTexts(body.item, body.output_index, released) };
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
    if (isRecord(item) && item.type === "reasoning" && Array.isArray(item.summary)) {
      item.summary.forEach((part: unknown, j: number) => {
        if (isRecord(part) && typeof part.text === "string") texts.push({ channel: summaryChannelOf(i, j), text: part.text });
      });
    }
    if (isRecord(item) && item.type === "message" && Array.isArray(item.content)) {
      item.content.forEach((part: unknown, j: number) => {
        if (isRecord(part) && part.type === "refusal" && typeof part.refusal === "string") texts.push({ channel: channelOf(i, j), text: part.refusal });
      });
    }
  });
  texts.push(...messageTexts(body.output));
  // Screened on its own: it need not equal the parts, and whatever it says reaches the client.
  if (typeof body.output_text === "string") texts.push({ channel: OUTPUT_TEXT, text: body.output_text });
  return texts;
}

function withBodyTexts(body: unknown, texts: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(body) || !Array.isArray(body.output)) return body;
  const output = body.output.map((item: unknown, i: number) => {
    if (isRecord(item) && item.type === "reasoning" && Array.isArray(item.summary)) {
      const summary = item.summary.map((part: unknown, j: number) => {
        const screened = texts.get(summaryChannelOf(i, j));
        return screened !== undefined && isRecord(part) ? { ...part, text: screened.text } : part;
      });
      return { ...item, summary };
    }
    if (!isRecord(item) || item.type !== "message" || !Array.isArray(item.content)) return item;
    const content = item.content.map((part: unknown, j: number) => {
      const screened = texts.get(channelOf(i, j));
      if (screened === undefined || !isRecord(part)) return part;
      if (part.type === "refusal") return { ...part, refusal: screened.text };
      const moved: Record<string, unknown> = { ...part, text: screened.text, ...("logprobs" in part ? { logprobs: [] } : {}) };
      // Citations point into the part's text: url_citation ranges, file_citation / file_path positions.
      if (Array.isArray(part.annotations)) moved.annotations = part.annotations.map((annotation: unknown) => withMovedOffsets(annotation, screened.offsets));
      return moved;
    });
    return { ...item, content };
  });
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
