// The official SDKs read screened streams: redacted ones as normal answers, blocked ones as an APIError.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { responsesEvents } from "../providers/responses-wire";
import { anthropicMessagesSurface } from "./anthropic-messages-surface";
import { openAiChatSurface } from "./openai-chat-surface";
import { openAiResponsesSurface } from "./openai-responses-surface";
import { createStreamScreener } from "./stream-screener";
import type { StreamSurface } from "./surface";
import { parseSseText } from "./sse-parser";
import { CANARY, anthropicEvents, fakeScreenAsync, namedEvent, openAiEvents } from "./test-fakes";

/** A fetch that answers every request with the given SSE events, screened. */
function screenedFetch(options: { surface: StreamSurface; events: string[] }): typeof fetch {
  return async () => {
    const encoder = new TextEncoder();
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const e of options.events) controller.enqueue(encoder.encode(e));
        controller.close();
      },
    });
    const body = createStreamScreener({ surface: options.surface, screen: fakeScreenAsync }).relay(upstream);
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
  };
}

const openai = (events: string[]) =>
  new OpenAI({ apiKey: "sk-test", baseURL: "http://gateway.test/v1", maxRetries: 0, fetch: screenedFetch({ surface: openAiChatSurface, events }) });
const anthropic = (events: string[]) =>
  new Anthropic({ apiKey: "test", baseURL: "http://gateway.test", maxRetries: 0, fetch: screenedFetch({ surface: anthropicMessagesSurface, events }) });

describe("official SDKs read screened streams", () => {
  it("openai: a redacted stream reads as a normal answer", async () => {
    const stream = await openai(openAiEvents({ deltas: ["Card 4111 1111 ", "1111 1111 noted."], usage: true })).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let finish: string | null = null;
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe("Card [REDACTED] noted.");
    expect(finish).toBe("stop");
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7 });
  });

  it("openai: a blocked stream raises APIError with code output_blocked after the released text", async () => {
    const stream = await openai(openAiEvents({ deltas: ["Released text. ", `${CANARY} `, "never."] })).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    let text = "";
    const error = await (async () => {
      try {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      } catch (e) {
        return e;
      }
    })();
    expect(text).toBe("Released text. ");
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ code: "output_blocked", type: "guardrail_violation" });
  });

  it("openai: the Responses stream helper's final response carries a cited page's title as screened", async () => {
    const annotation = { type: "url_citation", start_index: 0, end_index: 4, url: "https://example.com/p", title: "Card 4111 1111 1111 1111 page" };
    const events = parseSseText(responsesEvents({ model: "gpt-4o", chunks: ["Read the", " page."], usage: { input_tokens: 3, output_tokens: 4 } }).join("")).flatMap((event) => {
      const data = JSON.parse(event.data);
      if (data.type === "response.completed") data.response.output[0].content[0].annotations = [annotation];
      const added = { type: "response.output_text.annotation.added", item_id: data.item_id, output_index: 0, content_index: 0, annotation_index: 0, annotation };
      return data.type === "response.output_text.done" ? [namedEvent(added.type, added), namedEvent(data.type, data)] : [namedEvent(data.type, data)];
    });
    const client = new OpenAI({ apiKey: "sk-test", baseURL: "http://gateway.test/v1", maxRetries: 0, fetch: screenedFetch({ surface: openAiResponsesSurface, events }) });
    const response = await client.responses.stream({ model: "gpt-4o", input: "hi" }).finalResponse();
    expect(response.output_text).toBe("Read the page.");
    const part = response.output[0].type === "message" ? response.output[0].content[0] : undefined;
    expect(part?.type === "output_text" && part.annotations).toEqual([{ ...annotation, title: "Card [REDACTED] page" }]);
  });

  it("anthropic: the stream helper assembles the redacted message", async () => {
    const client = anthropic(anthropicEvents({ deltas: ["Key: sk-AbCdEfGhIj", "KlMnOpQrStUv99 rotated."] }));
    const message = await client.messages
      .stream({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "hi" }] })
      .finalMessage();
    expect(message.content).toEqual([{ type: "text", text: "Key: [REDACTED] rotated." }]);
    expect(message.usage.output_tokens).toBe(42);
    expect(message.stop_reason).toBe("end_turn");
  });

  it("anthropic: the stream helper assembles a screened citation into its text block", async () => {
    const ev = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    const citation = { type: "char_location", cited_text: "Reach bob@example.com today.", document_index: 0, document_title: "Notes", start_char_index: 0, end_char_index: 28 };
    const events = [
      ev("message_start", { message: { id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4-6", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }),
      ev("content_block_start", { index: 0, content_block: { type: "text", text: "", citations: [] } }),
      ev("content_block_delta", { index: 0, delta: { type: "citations_delta", citation } }),
      ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Bob can be reached by e-mail." } }),
      ev("content_block_stop", { index: 0 }),
      ev("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 9 } }),
      ev("message_stop", {}),
    ];
    const message = await anthropic(events)
      .messages.stream({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "hi" }] })
      .finalMessage();
    expect(message.content).toEqual([{ type: "text", text: "Bob can be reached by e-mail.", citations: [{ ...citation, cited_text: "Reach [REDACTED] today." }] }]);
  });

  it("anthropic: a blocked stream raises APIError of type guardrail_violation", async () => {
    const client = anthropic(anthropicEvents({ deltas: ["Fine. ", `Leak ${CANARY} `, "rest."] }));
    const stream = await client.messages.create({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    const error = await (async () => {
      try {
        for await (const event of stream) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      } catch (e) {
        return e;
      }
    })();
    expect(text).toBe("Fine. ");
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ type: "guardrail_violation" });
    expect(String((error as Error).message)).toMatch(/canary_leak/);
  });
});
