// The OpenAI chat-completions SSE dialect (also spoken by Azure OpenAI and OpenAI-compatible servers):
// `data: {chat.completion.chunk}` lines, text in `choices[i].delta.content` (and the reasoning some servers stream
// beside it), tool-call arguments in `delta.tool_calls[k].function.arguments` (JSON the client parses), web-search
// citations' titles (citation-titles.ts), ending with `data: [DONE]`.
import { citationTitleOf, withScreenedTitle } from "./citation-titles";
import { withMovedOffsets, type OffsetMap } from "./offset-map";
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
  type TextPart,
} from "./surface";
import { readToolCalls, toolChannelOf, toolCallTexts, toolCallsWithTexts } from "./openai-chat-tool-calls";

/**
 * The text fields of a chat delta or message, in the order a model writes them: its reasoning (DeepSeek and other
 * OpenAI-compatible servers send `reasoning_content`, OpenRouter `reasoning`), the answer, or a refusal in its place.
 * Each is text the user reads, screened like the answer on a channel of its own.
 */
const TEXT_FIELDS = ["reasoning_content", "reasoning", "content", "refusal"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const DELTA_OPEN = Object.fromEntries(TEXT_FIELDS.map((field) => [field, `"${field}":`])) as Record<TextField, string>;

/**
 * What writeText needs to rebuild a chunk: the chunk, the choice index, and the delta's JSON around the text
 * (`"content":` … for a text field, `"tool_calls":[{"index":0,"function":{"arguments":` … `}}]` for a tool call's
 * arguments); the JSON prefix is cached.
 */
export interface ChunkTemplate {
  chunk: Record<string, unknown>;
  index: unknown;
  deltaOpen: string;
  deltaClose: string;
  hadLogprobs: boolean;
  prefix?: string;
}

/** A choice's text channels: `c{i}` for its content, `c{i}:{field}` for the others; closing `c{i}` ends them all. */
const channelOf = (index: unknown, field: TextField = "content"): string => (field === "content" ? `c${String(index)}` : `c${String(index)}:${field}`);

function usageOf(value: unknown): StreamUsage | undefined {
  if (!isRecord(value)) return undefined;
  return { input_tokens: finiteNumber(value.prompt_tokens), output_tokens: finiteNumber(value.completion_tokens) };
}

function passOn(event: SseEvent): SurfaceRead {
  return surfaceRead({ rest: event });
}

function read(event: SseEvent): SurfaceRead {
  if (event.data === "[DONE]") return surfaceRead({ rest: event, closes: "all", terminal: true });
  const chunk = parseJsonObject(event.data);
  if (!chunk) return passOn(event);
  if (chunk.error !== undefined) return surfaceRead({ rest: event, upstreamError: true, closes: "all" });
  const usage = usageOf(chunk.usage);
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  const usageOnly = choices.length === 0 && usage !== undefined;

  const texts: TextPart[] = [];
  const argumentTexts: TextPart[] = [];
  const closes: string[] = [];
  const restChoices: unknown[] = [];
  /** Choices whose finish must wait until the arguments in this chunk are out. */
  const finishes: Record<string, unknown>[] = [];
  let titleTexts: TextPart[] | undefined; // rare (web search): not allocated for every chunk
  let cites = false;
  for (const choice of choices) {
    if (!isRecord(choice)) {
      restChoices.push(choice);
      continue;
    }
    const finished = choice.finish_reason !== null && choice.finish_reason !== undefined;
    const delta = choice.delta;
    if (isRecord(delta) && Array.isArray(delta.annotations)) {
      cites = true;
      // Each title arrives whole: screened on its channel, which closes with it; the chunk carries it out (below).
      for (const annotation of delta.annotations) {
        const cited = isRecord(annotation) ? citationTitleOf(String(choice.index), annotation.url_citation) : undefined;
        if (cited === undefined) continue;
        (titleTexts ??= []).push({ channel: cited.channel, text: cited.title, template: EMBEDDED_TEXT });
        closes.push(cited.channel);
      }
    }
    const calls = isRecord(delta) ? readToolCalls({ chunk, choice, delta }) : undefined;
    // Text does not resume once a choice finishes or turns to tool calls: screen its held text as final before that.
    // A call that opens (has an id) ends the calls before it.
    if (finished || calls) closes.push(channelOf(choice.index));
    if (finished || calls?.opens) closes.push(toolChannelOf(choice.index));
    if (calls) argumentTexts.push(...calls.texts);
    const taken: string[] = [];
    if (isRecord(delta)) {
      for (const field of TEXT_FIELDS) {
        const text = delta[field];
        if (typeof text !== "string" || text.length === 0) continue;
        const template: ChunkTemplate = { chunk, index: choice.index, deltaOpen: DELTA_OPEN[field], deltaClose: "", hadLogprobs: "logprobs" in choice };
        texts.push({ channel: channelOf(choice.index, field), text, template });
        taken.push(field);
      }
    }
    if (taken.length === 0 && !calls?.texts.length) {
      restChoices.push(choice);
      continue;
    }
    const fields = calls?.deltaFields;
    let deltaHasMore = false;
    for (const key in delta as Record<string, unknown>) {
      if (!taken.includes(key) && !(fields && key in fields && fields[key] === undefined)) deltaHasMore = true;
    }
    const waitsForArguments = finished && calls !== undefined && calls.texts.length > 0;
    // Logprobs repeat the raw tokens, so they go nowhere once the text is screened.
    const logprobs = "logprobs" in choice ? { logprobs: null } : {};
    if (waitsForArguments) finishes.push({ index: choice.index, delta: {}, ...logprobs, finish_reason: choice.finish_reason });
    if (deltaHasMore || (finished && !waitsForArguments)) {
      const deltaRest: Record<string, unknown> = { ...(delta as Record<string, unknown>), ...fields };
      for (const key in deltaRest) if (taken.includes(key) || deltaRest[key] === undefined) delete deltaRest[key];
      const { logprobs: _logprobs, delta: _delta, ...choiceRest } = choice;
      restChoices.push({ ...choiceRest, delta: deltaRest, ...logprobs, ...(waitsForArguments ? { finish_reason: null } : {}) });
    }
  }
  // Citations (web search: `delta.annotations[].url_citation`) point into the text before them by offset, so they go
  // after it, through withReleasedTexts, with their titles as screened.
  const restPosition = closes.length > 0 || cites ? "after" : "before";
  const needsRest = restChoices.length > 0 || usage !== undefined;
  const rest = texts.length === 0 && argumentTexts.length === 0 ? event : needsRest ? { ...event, data: JSON.stringify({ ...chunk, choices: restChoices }) } : null;
  if (titleTexts) texts.push(...titleTexts);
  const head = surfaceRead({ texts, rest, restPosition, closes, usage, usageOnly, embedsTexts: cites });
  if (argumentTexts.length === 0) return head;
  // A call's header (id, name) goes out before its arguments, and a finish after them.
  const { usage: _usage, ...top } = chunk;
  const finish = finishes.length > 0 ? { ...event, data: JSON.stringify({ ...top, choices: finishes }) } : null;
  head.then = surfaceRead({ texts: argumentTexts, rest: finish, closes: finishes.flatMap((choice) => [channelOf(choice.index), toolChannelOf(choice.index)]) });
  return head;
}

/** A chunk citing the answer: each choice's url_citation ranges moved into the text released on its channel, titles screened. */
function withReleasedTexts(event: SseEvent, released: ReadonlyMap<string, ScreenedText>): SseEvent {
  const chunk = parseJsonObject(event.data);
  if (!chunk || !Array.isArray(chunk.choices)) return event;
  const choices = chunk.choices.map((choice: unknown) => {
    if (!isRecord(choice) || !isRecord(choice.delta) || !Array.isArray(choice.delta.annotations)) return choice;
    const annotations = citationsWithTexts({ annotations: choice.delta.annotations, index: choice.index, texts: released, whole: false });
    return { ...choice, delta: { ...choice.delta, annotations } };
  });
  return { ...event, data: JSON.stringify({ ...chunk, choices }) };
}

/** A choice's annotations with url_citation ranges moved into its released content and titles as screened. */
function citationsWithTexts(options: { annotations: unknown[]; index: unknown; texts: ReadonlyMap<string, ScreenedText>; whole: boolean }): unknown[] {
  const { annotations, index, texts, whole } = options;
  const offsets: OffsetMap | undefined = texts.get(channelOf(index))?.offsets;
  return annotations.map((annotation) => {
    if (!isRecord(annotation) || !isRecord(annotation.url_citation)) return annotation;
    const titled = withScreenedTitle({ citation: annotation.url_citation, scope: String(index), texts, whole });
    return { ...annotation, url_citation: offsets ? withMovedOffsets(titled, offsets) : titled };
  });
}

// Built as a string around the cached prefix: this runs for every released piece of text.
function writeText(options: { template: unknown; text: string }): SseEvent {
  const template = options.template as ChunkTemplate;
  if (template.prefix === undefined) {
    const top: Record<string, unknown> = {};
    for (const key in template.chunk) {
      if (key === "choices") continue;
      top[key] = key === "usage" ? null : template.chunk[key]; // usage travels in the rest of the chunk, never twice
    }
    const head = JSON.stringify(top);
    template.prefix = `${head.length > 2 ? `${head.slice(0, -1)},` : "{"}"choices":[{"index":${JSON.stringify(template.index)},"delta":{${template.deltaOpen}`;
  }
  const tail = template.hadLogprobs ? '},"logprobs":null,"finish_reason":null}]}' : '},"finish_reason":null}]}';
  return { data: template.prefix + JSON.stringify(options.text) + template.deltaClose + tail };
}

function errorObject(error: StreamErrorInfo): unknown {
  return { error: { message: error.message, type: error.type, code: error.code, param: null } };
}

function bodyTexts(body: unknown): BodyText[] {
  if (!isRecord(body) || !Array.isArray(body.choices)) return [];
  const texts: BodyText[] = [];
  for (const choice of body.choices) {
    if (!isRecord(choice) || !isRecord(choice.message)) continue;
    for (const field of TEXT_FIELDS) {
      const text = choice.message[field];
      if (typeof text === "string") texts.push({ channel: channelOf(choice.index, field), text });
    }
    texts.push(...toolCallTexts(choice.index, choice.message));
    if (Array.isArray(choice.message.annotations)) {
      for (const annotation of choice.message.annotations) {
        const cited = isRecord(annotation) ? citationTitleOf(String(choice.index), annotation.url_citation) : undefined;
        // Identical citations share a channel: their title is screened once.
        if (cited !== undefined && !texts.some((text) => text.channel === cited.channel)) texts.push({ channel: cited.channel, text: cited.title });
      }
    }
  }
  return texts;
}

function withBodyTexts(body: unknown, texts: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(body) || !Array.isArray(body.choices)) return body;
  const choices = body.choices.map((choice: unknown) => {
    if (!isRecord(choice) || !isRecord(choice.message)) return choice;
    const changed = TEXT_FIELDS.filter((field) => texts.has(channelOf(choice.index, field)));
    const message: Record<string, unknown> = { ...choice.message, ...toolCallsWithTexts(choice.index, choice.message, texts) };
    // Web-search answers cite by range into the content (`annotations[].url_citation.{start_index,end_index}`), each
    // with a page title.
    if (Array.isArray(message.annotations)) message.annotations = citationsWithTexts({ annotations: message.annotations, index: choice.index, texts, whole: true });
    if (changed.length === 0) return { ...choice, message };
    for (const field of changed) message[field] = texts.get(channelOf(choice.index, field))!.text;
    const content = texts.get(channelOf(choice.index));
    // Logprobs repeat the raw tokens of the answer, so they go once its text changed.
    if (!content) return { ...choice, message };
    const { logprobs: _logprobs, ...others } = choice;
    return { ...others, ...("logprobs" in choice ? { logprobs: null } : {}), message };
  });
  return { ...body, choices };
}

export const openAiChatSurface: StreamSurface = {
  id: "openai-chat",
  read,
  writeText,
  withReleasedTexts,
  errorEvent: (error) => ({ data: JSON.stringify(errorObject(error)) }),
  errorBody: errorObject,
  bodyTexts,
  withBodyTexts,
  bodyUsage: (body) => (isRecord(body) ? usageOf(body.usage) : undefined),
};
