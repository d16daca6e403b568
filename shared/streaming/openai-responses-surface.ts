// The OpenAI Responses dialect (/v1/responses): named events `response.*`, text in `response.output_text.delta` per
// (output item, content part). Unlike chat, later events repeat the whole text: `output_text.done`, `content_part.done`,
// `output_item.done` and the final `response.completed` (which the official SDK returns as the final response). Those
// copies are rewritten with exactly the text the client was sent (withReleasedTexts), so a redacted or held-back
// word can never come back through them. Refusals, reasoning summaries and reasoning text (open models) are model
// text shown to users: screened the same way, on channels of their own; so are tool calls' inputs and tool results
// (responses-tool-inputs.ts); and web-search citations' titles (citation-titles.ts). Where an item's texts live is
// openai-responses-items.ts. Encrypted reasoning passes.
import { citationTitleOf, withScreenedTitle } from "./citation-titles";
import { deltaData, deltaTemplate, type DeltaTemplate } from "./delta-template";
import { withMovedOffsets } from "./offset-map";
import type { SseEvent } from "./sse-parser";
import {
  EMBEDDED_TEXT,
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
import {
  channelOf,
  citationScopeOf,
  citationTitleTexts,
  itemChannels,
  itemWithTexts,
  messageTexts,
  partText,
  partWithText,
  summaryChannelOf,
  summaryWithText,
  TEXT_PARTS,
  type TextPartKind,
} from "./openai-responses-items";
import { INPUT_DELTAS, INPUT_DONES, inputChannelOf, itemDoneTexts, itemInput, itemResults } from "./responses-tool-inputs";

const DELTA_EVENTS = new Set<unknown>([...TEXT_PARTS.values()].map((kind) => kind.delta));
/** Each `*.done` event type with the field that repeats its part's whole text. */
const DONE_FIELDS = new Map<unknown, TextPartKind["field"]>([...TEXT_PARTS.values()].map((kind) => [kind.done, kind.field]));

function usageOf(value: unknown): StreamUsage | undefined {
  if (!isRecord(value)) return undefined;
  return { input_tokens: finiteNumber(value.input_tokens), output_tokens: finiteNumber(value.output_tokens) };
}

function read(event: SseEvent): SurfaceRead {
  const body = parseJsonObject(event.data);
  const type = typeof body?.type === "string" ? body.type : event.event;
  if (!body) return type === "error" ? surfaceRead({ rest: event, upstreamError: true, closes: "all" }) : surfaceRead({ rest: event });
  if (DELTA_EVENTS.has(type)) {
    if (typeof body.delta !== "string") return surfaceRead({ rest: event });
    // Logprobs repeat the raw tokens, so they go nowhere once the text is screened.
    const { delta: _delta, logprobs, ...fields } = body;
    const template = deltaTemplate({ event: event.event, fields, emptyLogprobs: logprobs !== undefined });
    return surfaceRead({ rest: null, texts: [{ channel: channelOf(body.output_index, body.content_index), text: body.delta, template }] });
  }
  if (DONE_FIELDS.has(type)) return surfaceRead({ rest: event, embedsTexts: true, closes: [channelOf(body.output_index, body.content_index)] });
  const input = INPUT_DELTAS.get(type);
  if (input) {
    if (typeof body.delta !== "string") return surfaceRead({ rest: event });
    const { delta: _delta, ...fields } = body;
    const template = deltaTemplate({ event: event.event, fields });
    return surfaceRead({ rest: null, texts: [{ channel: inputChannelOf(body.output_index), text: body.delta, template, form: input.form }] });
  }
  if (INPUT_DONES.has(type)) return surfaceRead({ rest: event, embedsTexts: true, closes: [inputChannelOf(body.output_index)] });
  switch (type) {
    case "response.reasoning_summary_text.delta": {
      if (typeof body.delta !== "string") return surfaceRead({ rest: event });
      const { delta: _delta, ...fields } = body;
      const template = deltaTemplate({ event: event.event, fields });
      return surfaceRead({ rest: null, texts: [{ channel: summaryChannelOf(body.output_index, body.summary_index), text: body.delta, template }] });
    }
    case "response.reasoning_summary_text.done":
    case "response.reasoning_summary_part.done":
      return surfaceRead({ rest: event, embedsTexts: true, closes: [summaryChannelOf(body.output_index, body.summary_index)] });
    case "response.content_part.added": {
      // A part may open with text in it: screen that like a delta; the event itself goes out with the part empty.
      const opening = partText(body.part);
      if (opening && opening.text.length > 0) {
        const template = deltaTemplate({
          event: opening.kind.delta,
          fields: { type: opening.kind.delta, item_id: body.item_id, output_index: body.output_index, content_index: body.content_index },
        });
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
      const template = deltaTemplate({ event: input.delta, fields: { type: input.delta, item_id: (body.item as Record<string, unknown>).id, output_index: body.output_index } });
      const texts = [{ channel: inputChannelOf(body.output_index), text: input.text, template, form: input.kind.form }];
      return surfaceRead({ rest: event, restPosition: "before", embedsTexts: true, texts });
    }
    case "response.output_text.annotation.added": {
      // Cites the text before it by offset: it waits for that text to be released and points into what was. A web
      // page's title arrives whole with it, screened on a channel that closes at once.
      const cited = citationTitleOf(citationScopeOf(body.output_index, body.content_index), body.annotation);
      if (cited === undefined) return surfaceRead({ rest: event, embedsTexts: true });
      const texts = [{ channel: cited.channel, text: cited.title, template: EMBEDDED_TEXT }];
      return surfaceRead({ rest: event, embedsTexts: true, texts, closes: [cited.channel] });
    }
    case "response.content_part.done":
      return surfaceRead({ rest: event, embedsTexts: true, closes: [channelOf(body.output_index, body.content_index)] });
    case "response.output_item.done": {
      const closes = itemChannels(body.output_index, body.item);
      // Texts no delta streamed (an MCP approval request's input, tool results) arrive here: screened whole as their
      // channels close with it, and written into this event as released.
      return surfaceRead({ rest: event, embedsTexts: true, texts: itemDoneTexts(body), closes });
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
  const template = options.template as DeltaTemplate;
  return { event: template.event, data: deltaData(template, options.text) };
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
    const titled = withScreenedTitle({ citation: body.annotation, scope: citationScopeOf(body.output_index, body.content_index), texts: released, whole: false });
    rewritten = { ...body, annotation: screened && screened.text.length > 0 ? withMovedOffsets(titled, screened.offsets) : titled };
  } else if (body.part !== undefined) {
    rewritten = { ...body, part: partWithText({ part: body.part, outputIndex: body.output_index, contentIndex: body.content_index, texts: released, whole: false }) };
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
        if (own) texts.push({ channel: channelOf(i, j), text: own.text }, ...citationTitleTexts({ part, outputIndex: i, contentIndex: j }));
      });
    }
    const input = itemInput(item);
    if (input) texts.push({ channel: inputChannelOf(i), text: input.text, form: input.kind.form });
    for (const result of itemResults(item, i)) texts.push({ channel: result.channel, text: result.text });
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
