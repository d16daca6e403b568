// The Anthropic messages SSE dialect: named events (message_start, content_block_start/delta/stop, message_delta,
// message_stop, ping, error). Screened text is `text_delta` per content block, and `thinking_delta`: thinking is
// signed and sent back by clients, so it is screened verbatim (a block stops it, nothing in it is rewritten).
// Tool-use JSON and signature deltas pass through untouched.
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

interface BlockTemplate {
  index: unknown;
  /** The delta this block's text travels in. */
  kind: "text" | "thinking";
}

const channelOf = (index: unknown): string => `b${String(index)}`;

function usageOf(value: unknown): StreamUsage | undefined {
  if (!isRecord(value)) return undefined;
  const usage: StreamUsage = {};
  const input = finiteNumber(value.input_tokens);
  const output = finiteNumber(value.output_tokens);
  if (input !== undefined) usage.input_tokens = input;
  if (output !== undefined) usage.output_tokens = output;
  return usage;
}

function read(event: SseEvent): SurfaceRead {
  const body = parseJsonObject(event.data);
  const type = typeof body?.type === "string" ? body.type : event.event;
  const passOn: SurfaceRead = surfaceRead({ rest: event });
  if (!body) return type === "error" ? surfaceRead({ rest: event, upstreamError: true, closes: "all" }) : passOn;
  switch (type) {
    case "message_start":
      return surfaceRead({ rest: event, restPosition: "before", usage: isRecord(body.message) ? usageOf(body.message.usage) : undefined });
    case "content_block_start": {
      const block = body.content_block;
      // A block may open with text already in it; screen it like a delta and open the block empty.
      const kind = isRecord(block) ? textKind(block.type) : undefined;
      const text = kind && isRecord(block) ? block[kind] : undefined;
      if (kind && typeof text === "string" && text.length > 0) {
        const rest = { ...event, data: JSON.stringify({ ...body, content_block: { ...(block as Record<string, unknown>), [kind]: "" } }) };
        const template: BlockTemplate = { index: body.index, kind };
        return surfaceRead({ rest, restPosition: "before", texts: [{ channel: channelOf(body.index), text, template, verbatim: kind === "thinking" }] });
      }
      return surfaceRead({ rest: event, restPosition: "before" });
    }
    case "content_block_delta": {
      const delta = body.delta;
      const kind = isRecord(delta) ? DELTA_KINDS.get(delta.type) : undefined;
      const text = kind && isRecord(delta) ? delta[kind] : undefined;
      if (kind && typeof text === "string") {
        const template: BlockTemplate = { index: body.index, kind };
        return surfaceRead({ rest: null, texts: [{ channel: channelOf(body.index), text, template, verbatim: kind === "thinking" }] });
      }
      return passOn;
    }
    case "content_block_stop":
      return surfaceRead({ rest: event, closes: [channelOf(body.index)] });
    case "message_delta":
      return surfaceRead({ rest: event, closes: "all", usage: usageOf(body.usage) });
    case "message_stop":
      return surfaceRead({ rest: event, closes: "all", terminal: true });
    case "error":
      return surfaceRead({ rest: event, closes: "all", upstreamError: true });
    default:
      return passOn; // ping and event types added later
  }
}

/** The field a block of this type carries its screened text in; undefined for the others (tool use, …). */
function textKind(type: unknown): "text" | "thinking" | undefined {
  return type === "text" || type === "thinking" ? type : undefined;
}

/** The same for deltas, by their own type names. */
const DELTA_KINDS = new Map<unknown, "text" | "thinking">([
  ["text_delta", "text"],
  ["thinking_delta", "thinking"],
]);

function writeText(options: { template: unknown; text: string }): SseEvent {
  const template = options.template as BlockTemplate;
  const delta = template.kind === "thinking" ? { type: "thinking_delta", thinking: options.text } : { type: "text_delta", text: options.text };
  return { event: "content_block_delta", data: JSON.stringify({ type: "content_block_delta", index: template.index, delta }) };
}

// Exactly DESIGN's Anthropic envelope { type, error: { type, message } }: the error type tells a guardrail stop
// (guardrail_violation) from a provider failure (api_error). The SDK would also surface `details.error_code` as
// APIError.errorCode; adding it is proposed in the notes, not done, since other programs parse this exact shape.
function errorObject(error: StreamErrorInfo): unknown {
  return { type: "error", error: { type: error.type, message: error.message } };
}

function bodyTexts(body: unknown): BodyText[] {
  if (!isRecord(body) || !Array.isArray(body.content)) return [];
  const texts: BodyText[] = [];
  body.content.forEach((block: unknown, index: number) => {
    if (isRecord(block) && block.type === "text" && typeof block.text === "string") {
      texts.push({ channel: channelOf(index), text: block.text });
    } else if (isRecord(block) && block.type === "thinking" && typeof block.thinking === "string") {
      texts.push({ channel: channelOf(index), text: block.thinking, verbatim: true });
    }
  });
  return texts;
}

// Citations here point into the cited documents (cited_text, document indexes), not into the answer: nothing to move.
function withBodyTexts(body: unknown, texts: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(body) || !Array.isArray(body.content)) return body;
  const content = body.content.map((block: unknown, index: number) => {
    const screened = texts.get(channelOf(index));
    return screened !== undefined && isRecord(block) ? { ...block, text: screened.text } : block;
  });
  return { ...body, content };
}

export const anthropicMessagesSurface: StreamSurface = {
  id: "anthropic-messages",
  read,
  writeText,
  errorEvent: (error) => ({ event: "error", data: JSON.stringify(errorObject(error)) }),
  errorBody: errorObject,
  bodyTexts,
  withBodyTexts,
  bodyUsage: (body) => (isRecord(body) ? usageOf(body.usage) : undefined),
};
