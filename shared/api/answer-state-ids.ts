// The ids an answer mints for state the provider stores, rewritten to the tenant-bound form (state-ids.ts) before the
// client sees them: in a whole answer, and a whole event at a time in a stream. A dialect says where its ids are
// (AnswerIdSpec: OpenAI Responses' responses and output items, Anthropic's code-execution container); each id found
// there is then replaced wherever it appears as a JSON string, so the events that only name it (`item_id` in every
// Responses delta) follow without being parsed. Ids are random tokens: one never equals a string the model wrote.
import { parseSseText } from "../streaming/sse-parser";
import { isRecord } from "../streaming/surface";

/** The tenant-bound form of one provider id. */
export type BindId = (id: string) => Promise<string>;

/** Where one dialect's answers carry the ids of stored state. */
export interface AnswerIdSpec {
  /** The ids in a whole answer's body. */
  idsOfBody(body: Record<string, unknown>, into: Set<string>): void;
  /** The ids a stream event's body shows, wherever they first appear. */
  idsOfEvent(event: Record<string, unknown>, into: Set<string>): void;
  /** Quoted keys one of which an event must contain to be parsed for ids: the rest pass unparsed. */
  eventMarkers: readonly string[];
}

function addId(value: unknown, into: Set<string>): void {
  if (typeof value === "string" && value.length > 0) into.add(value);
}

/** An output item's own id, and the container a code-interpreter call ran in (reused by naming it in a later tool). */
function itemIds(item: unknown, into: Set<string>): void {
  if (!isRecord(item)) return;
  addId(item.id, into);
  addId(item.container_id, into);
}

function responseIds(response: unknown, into: Set<string>): void {
  if (!isRecord(response)) return;
  addId(response.id, into);
  addId(response.previous_response_id, into);
  if (Array.isArray(response.output)) for (const item of response.output) itemIds(item, into);
}

/** OpenAI Responses: the response's id and its output items' (its lifecycle events carry it whole, items their own). */
export const RESPONSES_STATE_IDS: AnswerIdSpec = {
  idsOfBody: (body, into) => responseIds(body, into),
  idsOfEvent: (event, into) => {
    responseIds(event.response, into);
    itemIds(event.item, into);
  },
  eventMarkers: ['"response"', '"item"'],
};

function containerId(holder: unknown, into: Set<string>): void {
  if (isRecord(holder) && isRecord(holder.container)) addId(holder.container.id, into);
}

/** Anthropic Messages: the code-execution container (a message's `container`, or a stream's `message_delta`). */
export const MESSAGES_STATE_IDS: AnswerIdSpec = {
  idsOfBody: (body, into) => containerId(body, into),
  idsOfEvent: (event, into) => {
    containerId(event.message, into);
    containerId(event.delta, into);
  },
  eventMarkers: ['"container"'],
};

/** Raw id → bound id, for the ids of one answer; each is bound once. */
class IdMap {
  private readonly bound = new Map<string, string>();
  /** JSON string literals, quotes included, so a replacement never touches part of a longer string. */
  private readonly quoted: Array<{ raw: string; bound: string }> = [];

  constructor(private readonly bind: BindId) {}

  async add(ids: Iterable<string>): Promise<void> {
    for (const id of ids) {
      if (this.bound.has(id)) continue;
      const bound = await this.bind(id);
      this.bound.set(id, bound);
      this.quoted.push({ raw: JSON.stringify(id), bound: JSON.stringify(bound) });
    }
  }

  rewrite(text: string): string {
    let out = text;
    for (const { raw, bound } of this.quoted) if (out.includes(raw)) out = out.split(raw).join(bound);
    return out;
  }
}

/** A whole answer (JSON text) with its state ids bound; text that is not a JSON object passes unchanged. */
export async function bindAnswerIds(options: { text: string; bind: BindId; spec: AnswerIdSpec }): Promise<string> {
  let body: unknown;
  try {
    body = JSON.parse(options.text);
  } catch {
    return options.text;
  }
  if (!isRecord(body)) return options.text;
  const ids = new Set<string>();
  options.spec.idsOfBody(body, ids);
  const map = new IdMap(options.bind);
  await map.add(ids);
  return map.rewrite(options.text);
}

/** The ids the events in `text` show, parsing only events that hold one of the spec's markers. */
function idsIntroducedIn(text: string, spec: AnswerIdSpec, into: Set<string>): void {
  const marked = (data: string) => spec.eventMarkers.some((marker) => data.includes(marker));
  if (!marked(text)) return;
  for (const event of parseSseText(text)) {
    if (!marked(event.data)) continue;
    let body: unknown;
    try {
      body = JSON.parse(event.data);
    } catch {
      continue;
    }
    if (isRecord(body)) spec.idsOfEvent(body, into);
  }
}

/** Where the last whole event in `text` ends (after its blank line); 0 when none has. */
function endOfLastEvent(text: string): number {
  let end = 0;
  for (const blank of ["\n\n", "\r\r", "\r\n\r\n"]) {
    const at = text.lastIndexOf(blank);
    if (at >= 0) end = Math.max(end, at + blank.length);
  }
  return end;
}

/**
 * An SSE stream with its state ids bound. Works on the wire text a whole event at a time (an id never spans a line):
 * events are parsed only where new ids can appear, and everything else, comments included, passes as it was.
 */
export function bindStreamIds(options: { bind: BindId; spec: AnswerIdSpec }): TransformStream<Uint8Array, Uint8Array> {
  const map = new IdMap(options.bind);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = "";
  const release = (text: string, controller: TransformStreamDefaultController<Uint8Array>): void | Promise<void> => {
    if (text.length === 0) return;
    const ids = new Set<string>();
    idsIntroducedIn(text, options.spec, ids);
    if (ids.size === 0) return controller.enqueue(encoder.encode(map.rewrite(text)));
    return map.add(ids).then(() => controller.enqueue(encoder.encode(map.rewrite(text))));
  };
  return new TransformStream({
    transform(chunk, controller) {
      const text = pending + decoder.decode(chunk, { stream: true });
      const end = endOfLastEvent(text);
      pending = text.slice(end);
      return release(text.slice(0, end), controller);
    },
    flush(controller) {
      const rest = pending + decoder.decode();
      pending = "";
      return release(rest, controller);
    },
  });
}
