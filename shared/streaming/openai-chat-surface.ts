// The OpenAI chat-completions SSE dialect (also spoken by Azure OpenAI and OpenAI-compatible servers):
// `data: {chat.completion.chunk}` lines, text in `choices[i].delta.content` (and the reasoning some servers stream
// beside it), ending with `data: [DONE]`.
import { withMovedOffsets, type OffsetMap } from "./offset-map";
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
  type TextPart,
} from "./surface";

/**
 * The text fields of a chat delta or message, in the order a model writes them: its reasoning (DeepSeek and other
 * OpenAI-compatible servers send `reasoning_content`, OpenRouter `reasoning`), the answer, or a refusal in its place.
 * Each is text the user reads, screened like the answer on a channel of its own.
 */
const TEXT_FIELDS = ["reasoning_content", "reasoning", "content", "refusal"] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** What writeText needs to rebuild a chunk: the chunk, the choice index and the field; the JSON prefix is cached. */
interface ChunkTemplate {
  chunk: Record<string, unknown>;
  index: unknown;
  field: TextField;
  hadLogprobs: boolean;
  prefix?: string;
}

const channelOf = (index: unknown, field: TextField = "content"): string => (field === "content" ? `c${String(index)}` : `c${String(index)}:${field}`);

/** All of a choice's channels: a finish or a turn to tool calls ends each of them. */
function choiceChannels(index: unknown): string[] {
  return TEXT_FIELDS.map((field) => channelOf(index, field));
}

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
  const closes: string[] = [];
  const restChoices: unknown[] = [];
  let restCloses = false;
  let cites = false;
  for (const choice of choices) {
    if (!isRecord(choice)) {
      restChoices.push(choice);
      continue;
    }
    const finished = choice.finish_reason !== null && choice.finish_reason !== undefined;
    const delta = choice.delta;
    if (isRecord(delta) && Array.isArray(delta.annotations)) cites = true;
    // Text does not resume once a choice finishes or turns to tool calls: screen its held text as final before that.
    if (finished || (isRecord(delta) && delta.tool_calls !== undefined)) {
      for (const channel of choiceChannels(choice.index)) if (!closes.includes(channel)) closes.push(channel);
    }
    const taken: TextField[] = [];
    if (isRecord(delta)) {
      for (const field of TEXT_FIELDS) {
        const text = delta[field];
        if (typeof text !== "string" || text.length === 0) continue;
        const template: ChunkTemplate = { chunk, index: choice.index, field, hadLogprobs: "logprobs" in choice };
        texts.push({ channel: channelOf(choice.index, field), text, template });
        taken.push(field);
      }
    }
    if (taken.length === 0) {
      restChoices.push(choice);
      continue;
    }
    let deltaHasMore = false;
    for (const key in delta as Record<string, unknown>) if (!taken.includes(key as TextField)) deltaHasMore = true;
    if (deltaHasMore || finished) {
      // Logprobs repeat the raw tokens, so they go nowhere once the text is screened.
      const deltaRest: Record<string, unknown> = { ...(delta as Record<string, unknown>) };
      for (const field of taken) delete deltaRest[field];
      const { logprobs: _logprobs, delta: _delta, ...choiceRest } = choice;
      restChoices.push({ ...choiceRest, delta: deltaRest, ...("logprobs" in choice ? { logprobs: null } : {}) });
    }
  }
  // Citations (web search: `delta.annotations[].url_citation`) point into the text before them by offset, so they go
  // after it, through withReleasedTexts.
  if (closes.length > 0 || cites) restCloses = true;
  if (texts.length === 0) return surfaceRead({ rest: event, closes, usage, usageOnly, restPosition: restCloses ? "after" : "before", embedsTexts: cites });
  const needsRest = restChoices.length > 0 || usage !== undefined;
  const rest = needsRest ? { ...event, data: JSON.stringify({ ...chunk, choices: restChoices }) } : null;
  return surfaceRead({ texts, rest, restPosition: restCloses ? "after" : "before", closes, usage, usageOnly: false, embedsTexts: cites });
}

/** A chunk citing the answer: each choice's url_citation ranges moved into the text released on its channel. */
function withReleasedTexts(event: SseEvent, released: ReadonlyMap<string, ScreenedText>): SseEvent {
  const chunk = parseJsonObject(event.data);
  if (!chunk || !Array.isArray(chunk.choices)) return event;
  const choices = chunk.choices.map((choice: unknown) => {
    const screened = isRecord(choice) ? released.get(channelOf(choice.index)) : undefined;
    if (!screened || !isRecord(choice) || !isRecord(choice.delta) || !Array.isArray(choice.delta.annotations)) return choice;
    return { ...choice, delta: { ...choice.delta, annotations: movedCitations(choice.delta.annotations, screened.offsets) } };
  });
  return { ...event, data: JSON.stringify({ ...chunk, choices }) };
}

function movedCitations(annotations: unknown[], offsets: OffsetMap): unknown[] {
  return annotations.map((annotation) =>
    isRecord(annotation) && isRecord(annotation.url_citation) ? { ...annotation, url_citation: withMovedOffsets(annotation.url_citation, offsets) } : annotation,
  );
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
    template.prefix = `${head.length > 2 ? `${head.slice(0, -1)},` : "{"}"choices":[{"index":${JSON.stringify(template.index)},"delta":{"${template.field}":`;
  }
  const tail = template.hadLogprobs ? '},"logprobs":null,"finish_reason":null}]}' : '},"finish_reason":null}]}';
  return { data: template.prefix + JSON.stringify(options.text) + tail };
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
  }
  return texts;
}

function withBodyTexts(body: unknown, texts: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(body) || !Array.isArray(body.choices)) return body;
  const choices = body.choices.map((choice: unknown) => {
    if (!isRecord(choice) || !isRecord(choice.message)) return choice;
    const changed = TEXT_FIELDS.filter((field) => texts.has(channelOf(choice.index, field)));
    if (changed.length === 0) return choice;
    const message: Record<string, unknown> = { ...choice.message };
    for (const field of changed) message[field] = texts.get(channelOf(choice.index, field))!.text;
    // Web-search answers cite by range into the content: `annotations[].url_citation.{start_index,end_index}`.
    const content = texts.get(channelOf(choice.index));
    if (content && Array.isArray(message.annotations)) message.annotations = movedCitations(message.annotations, content.offsets);
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
