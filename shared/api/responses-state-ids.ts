// The ids an OpenAI Responses answer mints for state the provider stores (the response's own, its output items', and
// the echoed previous_response_id), rewritten to the tenant-bound form (state-ids.ts) before the client sees them:
// in a whole answer, and event by event in a stream. An id is found where the API puts it (a response object, an
// output item) and then replaced wherever it appears as a JSON string, so the events that only name it (`item_id` in
// every delta) follow without being parsed. Ids are random tokens: one never equals a string the model wrote.
import { createSseParser, type SseEvent } from "../streaming/sse-parser";
import { serialiseSseComment, serialiseSseEvent } from "../streaming/sse-serialiser";

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

/** Events that carry a whole response (its lifecycle) or a whole output item: where new ids first appear. */
function idsIntroducedBy(event: SseEvent, into: Set<string>): void {
  const data = event.data;
  if (!data.includes('"response"') && !data.includes('"item"')) return;
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return;
  }
  if (!isRecord(body)) return;
  responseIds(body.response, into);
  itemIds(body.item, into);
}

/** A Responses SSE stream with its state ids bound; comments (keep-alives) pass through. */
export function bindStreamIds(options: { bind: BindId }): TransformStream<Uint8Array, Uint8Array> {
  const map = new IdMap(options.bind);
  const encoder = new TextEncoder();
  let ready: Array<SseEvent | { comment: string }> = [];
  const parser = createSseParser({ onEvent: (event) => ready.push(event), onComment: (comment) => ready.push({ comment }) });
  const flushReady = async (controller: TransformStreamDefaultController<Uint8Array>) => {
    const events = ready;
    ready = [];
    let out = "";
    for (const event of events) {
      if ("comment" in event) {
        out += serialiseSseComment(event.comment);
        continue;
      }
      const ids = new Set<string>();
      idsIntroducedBy(event, ids);
      if (ids.size > 0) await map.add(ids);
      out += serialiseSseEvent({ ...event, data: map.rewrite(event.data) });
    }
    if (out.length > 0) controller.enqueue(encoder.encode(out));
  };
  return new TransformStream({
    async transform(chunk, controller) {
      parser.feed(chunk);
      await flushReady(controller);
    },
    async flush(controller) {
      parser.end();
      await flushReady(controller);
    },
  });
}
