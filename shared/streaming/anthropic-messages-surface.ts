// The Anthropic messages SSE dialect: named events (message_start, content_block_start/delta/stop, message_delta,
// message_stop, ping, error). Screened text is each content block's deltas: `text_delta`; `thinking_delta`, signed
// and sent back by clients, so never rewritten; `input_json_delta`, a tool call's input, JSON the client parses.
// Signature deltas pass through untouched. A text block's citations quote their source (a document the caller sent,
// a web page) and are shown to users beside the answer: each `cited_text` is screened like it, on a channel of its own.
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
  type TextForm,
  type TextPart,
} from "./surface";

/** A delta type carrying screened text: the field it is in, and how it may be rewritten. */
interface DeltaKind {
  type: string;
  field: "text" | "thinking" | "partial_json";
  form: TextForm;
}
const DELTA_KINDS = new Map<unknown, DeltaKind>(
  [
    { type: "text_delta", field: "text", form: "text" } as const,
    { type: "thinking_delta", field: "thinking", form: "signed" } as const,
    { type: "input_json_delta", field: "partial_json", form: "json" } as const,
  ].map((kind) => [kind.type, kind]),
);
const TEXT_DELTA = DELTA_KINDS.get("text_delta")!;
const THINKING_DELTA = DELTA_KINDS.get("thinking_delta")!;
const INPUT_DELTA = DELTA_KINDS.get("input_json_delta")!;

interface BlockTemplate {
  index: unknown;
  /** The delta this block's text travels in. */
  kind: DeltaKind;
  /** The delta event's JSON up to its text, set on first use (writeText). */
  open: string | undefined;
}

const channelOf = (index: unknown): string => `b${String(index)}`;

/** A `citations_delta`'s citation, written back around its screened `cited_text`. */
interface CitationTemplate {
  index: unknown;
  citation: Record<string, unknown>;
}

/** A citation's channel: `n` numbers the citations a block opens or a whole answer carries; a delta's has none. */
const citationChannelOf = (index: unknown, n?: number): string => `q${String(index)}${n === undefined ? "" : `:${n}`}`;

function citedText(citation: unknown): string | undefined {
  return isRecord(citation) && typeof citation.cited_text === "string" && citation.cited_text.length > 0 ? citation.cited_text : undefined;
}

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
    case "content_block_start":
      return isRecord(body.content_block) ? blockStart(event, body as BlockStartBody) : surfaceRead({ rest: event, restPosition: "before" });
    case "content_block_delta": {
      const delta = body.delta;
      const kind = isRecord(delta) ? DELTA_KINDS.get(delta.type) : undefined;
      const text = kind && isRecord(delta) ? delta[kind.field] : undefined;
      if (kind && typeof text === "string") {
        const template: BlockTemplate = { index: body.index, kind, open: undefined };
        return surfaceRead({ rest: null, texts: [{ channel: channelOf(body.index), text, template, form: kind.form }] });
      }
      // A citation arrives whole: its channel closes with it, so it goes out once, whole, screened.
      const cited = isRecord(delta) && delta.type === "citations_delta" ? citedText(delta.citation) : undefined;
      if (cited !== undefined) {
        const template: CitationTemplate = { index: body.index, citation: (delta as { citation: Record<string, unknown> }).citation };
        const channel = citationChannelOf(body.index);
        return surfaceRead({ rest: null, texts: [{ channel, text: cited, template }], closes: [channel] });
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

/**
 * A content block's screened text: a text or thinking block's own, or the input of any block that calls a tool
 * (`tool_use`, server and MCP tools) as JSON. `key` names the block field it is in.
 */
function blockText(block: Record<string, unknown>): { text: string; kind: DeltaKind; key: string } | undefined {
  if (block.type === "text" && typeof block.text === "string") return { text: block.text, kind: TEXT_DELTA, key: "text" };
  if (block.type === "thinking" && typeof block.thinking === "string") return { text: block.thinking, kind: THINKING_DELTA, key: "thinking" };
  if (isRecord(block.input)) return { text: JSON.stringify(block.input), kind: INPUT_DELTA, key: "input" };
  return undefined;
}

type BlockStartBody = Record<string, unknown> & { content_block: Record<string, unknown> };

/**
 * A block may open with its text (or a tool call's input) already in it: screened like a delta, the block opens
 * empty. So with citations in it: the block opens without them, and each follows as a `citations_delta`, screened.
 */
function blockStart(event: SseEvent, body: BlockStartBody): SurfaceRead {
  const block = body.content_block;
  const opening = blockText(block);
  const openingText = opening && opening.text !== (opening.kind === INPUT_DELTA ? "{}" : "") ? opening : undefined;
  const citations = Array.isArray(block.citations) ? block.citations : [];
  const quotes = citations.some(citedText);
  if (!openingText && !quotes) return surfaceRead({ rest: event, restPosition: "before" });
  const emptied: Record<string, unknown> = { ...block };
  const texts: TextPart[] = [];
  const closes: string[] = [];
  if (openingText) {
    emptied[openingText.key] = openingText.kind === INPUT_DELTA ? {} : "";
    const template: BlockTemplate = { index: body.index, kind: openingText.kind, open: undefined };
    texts.push({ channel: channelOf(body.index), text: openingText.text, template, form: openingText.kind.form });
  }
  // Citations without quoted text stay in the opening block; the others follow it as deltas.
  if (quotes) emptied.citations = citations.filter((citation) => citedText(citation) === undefined);
  citations.forEach((citation, n) => {
    const cited = citedText(citation);
    if (cited === undefined) return;
    const template: CitationTemplate = { index: body.index, citation: citation as Record<string, unknown> };
    texts.push({ channel: citationChannelOf(body.index, n), text: cited, template });
    closes.push(citationChannelOf(body.index, n));
  });
  return surfaceRead({ rest: { ...event, data: JSON.stringify({ ...body, content_block: emptied }) }, restPosition: "before", texts, closes });
}

function writeText(options: { template: unknown; text: string }): SseEvent {
  if (isRecord(options.template) && isRecord(options.template.citation)) {
    const { index, citation } = options.template as unknown as CitationTemplate;
    const delta = { type: "citations_delta", citation: { ...citation, cited_text: options.text } };
    return { event: "content_block_delta", data: JSON.stringify({ type: "content_block_delta", index, delta }) };
  }
  const template = options.template as BlockTemplate;
  // The delta's JSON is `{"type":…,"index":…,"delta":{"type":…,"<field>":<text>}}`: all but the text is the block's,
  // serialised once (a literal with a computed key per piece costs ~5x more on Node 20). An undefined index is left
  // out, as JSON.stringify leaves it out.
  if (template.open === undefined) {
    const head = JSON.stringify({ type: "content_block_delta", index: template.index, delta: { type: template.kind.type } });
    template.open = `${head.slice(0, -2)},${JSON.stringify(template.kind.field)}:`;
  }
  return { event: "content_block_delta", data: `${template.open}${JSON.stringify(options.text)}}}` };
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
    if (!isRecord(block)) return;
    const own = blockText(block);
    if (own) texts.push({ channel: channelOf(index), text: own.text, form: own.kind.form });
    if (!Array.isArray(block.citations)) return;
    block.citations.forEach((citation: unknown, n: number) => {
      const cited = citedText(citation);
      if (cited !== undefined) texts.push({ channel: citationChannelOf(index, n), text: cited });
    });
  });
  return texts;
}

// Citations point into the cited sources (document indexes, character ranges), not into the answer: nothing to move;
// their quoted text is replaced like the answer's.
function withBodyTexts(body: unknown, texts: ReadonlyMap<string, ScreenedText>): unknown {
  if (!isRecord(body) || !Array.isArray(body.content)) return body;
  const content = body.content.map((block: unknown, index: number) => {
    if (!isRecord(block)) return block;
    let copy = block;
    const screened = texts.get(channelOf(index));
    const own = screened !== undefined ? blockText(block) : undefined;
    // A tool's input changes only by restored placeholders, escaped for JSON, so it parses as before.
    if (own && screened) copy = { ...copy, [own.key]: own.kind === INPUT_DELTA ? JSON.parse(screened.text) : screened.text };
    const citations = Array.isArray(block.citations) ? block.citations : [];
    if (citations.some((_citation: unknown, n: number) => texts.has(citationChannelOf(index, n)))) {
      copy = {
        ...copy,
        citations: citations.map((citation: unknown, n: number) => {
          const quoted = texts.get(citationChannelOf(index, n));
          return quoted && isRecord(citation) ? { ...citation, cited_text: quoted.text } : citation;
        }),
      };
    }
    return copy;
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
