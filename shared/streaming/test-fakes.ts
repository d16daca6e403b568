// Test doubles for stream screening: a small regex screen function (card with Luhn, OpenAI-style key, email, canary)
// and builders for OpenAI / Anthropic SSE bodies. Used by the tests and the bench only; never imported at run time.
import type { Finding, Span } from "../screening/types";
import type { ScreenResult } from "./screening-engine";
import type { StreamScreener } from "./stream-screener";

export const CANARY = "CANARY-7f3a9b2c";

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const RULES: { type: string; category: Finding["category"]; pattern: RegExp; check?: (m: string) => boolean }[] = [
  { type: "credit_card", category: "pii", pattern: /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g, check: (m) => luhn(m.replace(/\D/g, "")) },
  { type: "openai_key", category: "secret", pattern: /sk-[A-Za-z0-9]{20,}/g },
  { type: "email", category: "pii", pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
];

/** Regex screen: canary → block; cards (Luhn), `sk-` keys, emails → redact. */
export function fakeScreen(text: string): ScreenResult {
  const findings: Finding[] = [];
  const spans: Span[] = [];
  for (const rule of RULES) {
    const found: Span[] = [];
    for (const match of text.matchAll(rule.pattern)) {
      if (rule.check && !rule.check(match[0])) continue;
      found.push({ start: match.index, end: match.index + match[0].length, type: rule.type });
    }
    if (found.length > 0) {
      findings.push({ detector: `fake-${rule.type}`, category: rule.category, score: 1, spans: found });
      spans.push(...found);
    }
  }
  if (text.includes(CANARY)) {
    findings.push({ detector: "fake-canary", category: "canary_leak", score: 1 });
    return { action: "block", spans, findings };
  }
  return { action: spans.length > 0 ? "redact" : "allow", spans, findings };
}

export const fakeScreenAsync = async (text: string): Promise<ScreenResult> => fakeScreen(text);

const BASE = { id: "chatcmpl-abc123", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o-mini" };

/** OpenAI chat-completion SSE events (as wire text) for the given content deltas. */
export function openAiEvents(options: { deltas: string[]; usage?: boolean; finish?: boolean; done?: boolean }): string[] {
  const events = [{ ...BASE, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] }];
  for (const content of options.deltas) events.push({ ...BASE, choices: [{ index: 0, delta: { content } as never, finish_reason: null }] });
  const out = events.map((e) => `data: ${JSON.stringify(e)}\n\n`);
  if (options.finish !== false) out.push(`data: ${JSON.stringify({ ...BASE, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
  if (options.usage) {
    out.push(`data: ${JSON.stringify({ ...BASE, choices: [], usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 } })}\n\n`);
  }
  if (options.done !== false) out.push("data: [DONE]\n\n");
  return out;
}

/** Anthropic messages SSE events (as wire text) for the given text deltas in block 0. */
export function anthropicEvents(options: { deltas: string[]; stop?: boolean; toolJson?: string[] }): string[] {
  const ev = (name: string, data: unknown): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  const out = [
    ev("message_start", {
      type: "message_start",
      message: { id: "msg_01XYZ", type: "message", role: "assistant", model: "claude-sonnet-4-6", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 25, output_tokens: 1 } },
    }),
    ev("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
    ev("ping", { type: "ping" }),
  ];
  for (const text of options.deltas) out.push(ev("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }));
  out.push(ev("content_block_stop", { type: "content_block_stop", index: 0 }));
  if (options.toolJson) {
    out.push(ev("content_block_start", { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_01", name: "get_weather", input: {} } }));
    for (const partial_json of options.toolJson) out.push(ev("content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json } }));
    out.push(ev("content_block_stop", { type: "content_block_stop", index: 1 }));
  }
  out.push(ev("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 42 } }));
  if (options.stop !== false) out.push(ev("message_stop", { type: "message_stop" }));
  return out;
}

/** One named SSE event as wire text, its `type` in the data as Responses and Anthropic send it. */
export function namedEvent(type: string, body: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}

/** An upstream body that hands out one chunk per read, as a socket does; it stays open when `close` is false. */
export function chunkSource(options: { chunks: (string | Uint8Array)[]; close?: boolean }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = options.chunks.map((chunk) => (typeof chunk === "string" ? encoder.encode(chunk) : chunk));
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else if (options.close !== false) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** An upstream body a test writes by hand: `writer.write` settles once the screener has read the chunk. */
export function writableSource(): { source: ReadableStream<Uint8Array>; writer: WritableStreamDefaultWriter<Uint8Array> } {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  return { source: readable, writer: writable.getWriter() };
}

/** Relays chunks through a screener and collects the client-side text. */
export function pipeChunks(options: { chunks: (string | Uint8Array)[]; pair: StreamScreener; closeUpstream?: boolean }): Promise<string> {
  return new Response(options.pair.relay(chunkSource({ chunks: options.chunks, close: options.closeUpstream }))).text();
}
