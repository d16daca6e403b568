// The deterministic `mock` provider: answers every surface without a network, so `npm start` works with no account.
// It echoes the last user text, streams in configurable chunks, and reports usage like the real APIs do.
import type { ProviderConfig } from "../config/schema";
import { responsesBody, responsesEvents } from "./responses-wire";
import type { ProviderAdapter, Surface } from "./types";

const encoder = new TextEncoder();

function lastUserText(body: Record<string, unknown>): string {
  if (typeof body.input === "string") return body.input; // the Responses API's one-string input
  const list = body.messages ?? body.input;
  const messages = Array.isArray(list) ? (list as Array<Record<string, unknown>>) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== "user") continue;
    if (typeof message.content === "string") return message.content;
    if (Array.isArray(message.content)) {
      return message.content
        .map((part: { type?: string; text?: unknown }) => ((part?.type === "text" || part?.type === "input_text") && typeof part.text === "string" ? part.text : ""))
        .join(" ");
    }
  }
  return "";
}

function approximateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (const char of text) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.length < size) chunks[chunks.length - 1] = last + char;
    else chunks.push(char);
  }
  return chunks;
}

function sseStream(events: string[], delayMs: number): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    async pull(controller) {
      if (index >= events.length) return controller.close();
      if (delayMs > 0 && index > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      controller.enqueue(encoder.encode(events[index++]));
    },
  });
}

const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });
const sse = (events: string[], delayMs: number) =>
  new Response(sseStream(events, delayMs), { headers: { "content-type": "text/event-stream" } });

function chatAnswer(body: Record<string, unknown>, settings: { chunkChars: number; delayMs: number }): Response {
  const model = String(body.model);
  const text = `Hello from the edgeguard mock. You said: ${lastUserText(body)}`;
  const usage = { prompt_tokens: approximateTokens(JSON.stringify(body.messages ?? "")), completion_tokens: approximateTokens(text) };
  const totals = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
  const id = "chatcmpl-mock";
  const created = 1_700_000_000;
  if (body.stream !== true) {
    return json({
      id, object: "chat.completion", created, model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage: totals,
    });
  }
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  const events = [chunk({ role: "assistant", content: "" }, null), ...chunksOf(text, settings.chunkChars).map((c) => chunk({ content: c }, null)), chunk({}, "stop")];
  const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  if (wantsUsage) events.push(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: totals })}\n\n`);
  events.push("data: [DONE]\n\n");
  return sse(events, settings.delayMs);
}

function messagesAnswer(body: Record<string, unknown>, settings: { chunkChars: number; delayMs: number }): Response {
  const model = String(body.model);
  const text = `Hello from the edgeguard mock. You said: ${lastUserText(body)}`;
  const usage = { input_tokens: approximateTokens(JSON.stringify(body.messages ?? "")), output_tokens: approximateTokens(text) };
  const message = { id: "msg_mock", type: "message", role: "assistant", model, stop_sequence: null };
  if (body.stream !== true) {
    return json({ ...message, content: [{ type: "text", text }], stop_reason: "end_turn", usage });
  }
  const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
  return sse(
    [
      event("message_start", { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } } }),
      event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
      ...chunksOf(text, settings.chunkChars).map((c) => event("content_block_delta", { index: 0, delta: { type: "text_delta", text: c } })),
      event("content_block_stop", { index: 0 }),
      event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }),
      event("message_stop", {}),
    ],
    settings.delayMs,
  );
}

function responsesAnswer(body: Record<string, unknown>, settings: { chunkChars: number; delayMs: number }): Response {
  const text = `Hello from the edgeguard mock. You said: ${lastUserText(body)}`;
  const usage = { input_tokens: approximateTokens(JSON.stringify(body.input ?? "")), output_tokens: approximateTokens(text) };
  const answer = { model: String(body.model), chunks: chunksOf(text, settings.chunkChars), usage };
  return body.stream === true ? sse(responsesEvents(answer), settings.delayMs) : json(responsesBody(answer));
}

function inputTokensAnswer(body: Record<string, unknown>): Response {
  return json({ object: "response.input_tokens", input_tokens: approximateTokens(JSON.stringify([body.instructions ?? "", body.input ?? ""])) });
}

function countTokensAnswer(body: Record<string, unknown>): Response {
  return json({ input_tokens: approximateTokens(JSON.stringify([body.system ?? "", body.messages ?? ""])) });
}

function embeddingsAnswer(body: Record<string, unknown>): Response {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const data = inputs.map((input, index) => {
    const text = typeof input === "string" ? input : JSON.stringify(input);
    let seed = 0;
    for (let i = 0; i < text.length; i++) seed = (seed * 31 + text.charCodeAt(i)) >>> 0;
    const embedding = Array.from({ length: 8 }, (_, d) => (((seed >>> d) & 0xff) / 255) * 2 - 1);
    return { object: "embedding", index, embedding };
  });
  return json({ object: "list", data, model: String(body.model), usage: { prompt_tokens: 1, total_tokens: 1 } });
}

const MOCK_HOST_PATHS: Record<string, (body: Record<string, unknown>, settings: { chunkChars: number; delayMs: number }) => Response> = {
  "/chat/completions": chatAnswer,
  "/responses": responsesAnswer,
  "/responses/input_tokens": inputTokensAnswer,
  "/v1/messages": messagesAnswer,
  "/v1/messages/count_tokens": countTokensAnswer,
  "/embeddings": embeddingsAnswer,
};

async function mockFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  const settings = JSON.parse(url.searchParams.get("settings") ?? "{}") as { chunkChars: number; delayMs: number };
  const answer = MOCK_HOST_PATHS[url.pathname];
  if (!answer) return new Response("not found", { status: 404 });
  return answer(JSON.parse(String(init?.body ?? "{}")), settings);
}

export const mockAdapter: ProviderAdapter = {
  surfaces: ["chat", "responses", "input_tokens", "messages", "count_tokens", "embeddings"],
  buildCall({ surface, body, config }: { surface: Surface; body: Record<string, unknown>; config: ProviderConfig }) {
    const path = { chat: "/chat/completions", responses: "/responses", input_tokens: "/responses/input_tokens", messages: "/v1/messages", count_tokens: "/v1/messages/count_tokens", embeddings: "/embeddings" }[surface];
    const settings = JSON.stringify({ chunkChars: config.mock?.chunkChars ?? 8, delayMs: config.mock?.delayMs ?? 0 });
    return { url: `mock://local${path}?settings=${encodeURIComponent(settings)}`, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  },
  fetch: mockFetch as typeof fetch,
};
