// The ids an OpenAI Responses answer mints for state the provider stores (the response's own, its output items', and
// the echoed previous_response_id), rewritten to the tenant-bound form (state-ids.ts) before the client sees them:
// in a whole answer, and a whole event at a time in a stream. An id is found where the API puts it (a response object, an
// output item) and then replaced wherever it appears as a JSON string, so the events that only name it (`item_id` in
// every delta) follow without being parsed. Ids are random tokens: one never equals a string the model wrote.
import { parseSseText } from "../streaming/sse-parser";

/** The tenant-bound form of one provider id. */
export type BindId = (id: string) => Promise<string>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function addId(value: unknown, into: Set<string>): void {
  if (typeof value === "string" && value.length > 0) into.add(value);
}

function itemIds(item: unknown, into: Set<string>): void {
  if (isRecord(item)) addId(item.id, into);
}

function responseIds(response: unknown, into: Set<string>): void {
  if (!isRecord(response)) return;
  addId(response.id, into);
  addId(response.previous_response_id, into);
  if (Array.isArray(response.output)) for (const item of response.output) itemIds(item, into);
}

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

/** A whole Responses answer (JSON text) with its state ids bound; text that is not a response passes unchanged. */
export async function bindAnswerIds(options: { text: string; bind: BindId }): Promise<string> {
  let body: unknown;
  try {
    body = JSON.parse(options.text);
  } catch {
    return options.text;
  }
  const ids = new Set<string>();
  responseIds(body, ids);
  const map = new IdMap(options.bind);
  await map.add(ids);
  return map.rewrite(options.text);
}

/** Ids first shown by events that carry a whole response (its lifecycle) or a whole output item. */
function idsIntroducedIn(text: string, into: Set<string>): void {
  if (!text.includes('"response"') && !text.includes('"item"')) return;
  for (const event of parseSseText(text)) {
    if (!event.data.includes('"response"') && !event.data.includes('"item"')) continue;
    let body: unknown;
    try {
      body = JSON.parse(event.data);
    } catch {
      continue;
    }
    if (!isRecord(body)) continue;
    responseIds(body.response, into);
    itemIds(body.item, into);
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
 * A Responses SSE stream with its state ids bound. Works on the wire text a whole event at a time (an id never spans
 * a line): events are parsed only where new ids can appear, and everything else, comments included, passes as it was.
 */
export function bindStreamIds(options: { bind: BindId }): TransformStream<Uint8Array, Uint8Array> {
  const map = new IdMap(options.bind);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = "";
  const release = (text: string, controller: TransformStreamDefaultController<Uint8Array>): void | Promise<void> => {
    if (text.length === 0) return;
    const ids = new Set<string>();
    idsIntroducedIn(text, ids);
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
