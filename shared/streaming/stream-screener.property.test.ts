// Property: a secret or card number in streamed prose, however the stream is cut, never reaches the client
// unredacted, while the prose before it goes out before the chunk that completes the secret is even received; nor
// does one in a cited page's title, in any event that carries the citation.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { responsesEvents } from "../providers/responses-wire";
import { anthropicMessagesSurface } from "./anthropic-messages-surface";
import { openAiChatSurface } from "./openai-chat-surface";
import { openAiResponsesSurface } from "./openai-responses-surface";
import { ScreeningEngine } from "./screening-engine";
import { parseSseText, type SseEvent } from "./sse-parser";
import { createStreamScreener } from "./stream-screener";
import { anthropicEvents, fakeScreen, namedEvent, openAiEvents, pipeChunks } from "./test-fakes";

const WORDS = ["here:", "is", "the", "value", "please", "note", "that", "keep", "it", "safe.", "thanks!", "your", "card", "key", "(see", "below)"];
const CARDS = ["4111111111111111", "5555555555554444", "4242424242424242", "6011111111111117", "378282246310005"];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

const prose = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
const key = fc.array(fc.constantFrom(...ALNUM), { minLength: 20, maxLength: 40 }).map((c) => `sk-${c.join("")}`);
const card = fc.tuple(fc.constantFrom(...CARDS), fc.constantFrom("", " ", "-")).map(([digits, sep]) =>
  sep === "" ? digits : (digits.match(/.{1,4}/g) ?? []).join(sep),
);
const secret = fc.oneof(key, card);
const sample = fc.record({ before: prose, secret, after: prose });

/** The characters of a secret no client may ever see: digits of a card, the `sk-` of a key. */
const leaks = (text: string): boolean => /\d|sk-/.test(text);

/** Feeds deltas one event at a time and checks the release after each. Returns the client's final text. */
async function runDeltas(options: { before: string; secret: string; after: string; deltas: string[]; holdWords?: "all" | "suspicious" }): Promise<string> {
  const { before, secret, deltas } = options;
  const out: SseEvent[] = [];
  const engine = new ScreeningEngine({
    surface: openAiChatSurface,
    screen: fakeScreen,
    verbatimText: "block",
    mode: "rolling",
    maxBufferedChars: Number.POSITIVE_INFINITY, // rolling mode holds a window, not the answer
    limits: { holdBackLimit: 256, blockHoldBackLimit: 4096, holdWords: options.holdWords ?? "all" },
    contextChars: 256,
    hideUsageChunk: false,
    emit: (event) => out.push(event),
  });
  let seen = 0;
  let text = "";
  const content = (): string => {
    for (; seen < out.length; seen++) text += out[seen].data === "[DONE]" ? "" : (JSON.parse(out[seen].data).choices[0]?.delta?.content ?? "");
    return text;
  };
  const secretEnd = before.length + 1 + secret.length;
  let received = "";
  for (const event of parseSseText(openAiEvents({ deltas }).join(""))) {
    const delta: string | undefined = event.data === "[DONE]" ? undefined : JSON.parse(event.data).choices[0]?.delta?.content;
    if (delta && received.length < secretEnd && received.length + delta.length >= secretEnd) {
      // This delta completes the secret: everything before it that ended a word must already be out.
      // With holdWords "suspicious" plain words leave even sooner, so the same prefix check still applies.
      const promptLength = Math.min(before.length + 1, received.lastIndexOf(" ") + 1);
      // (plain throws, not expect(): this runs ~10^5 times and expect() dominated the cost)
      if (!content().startsWith(received.slice(0, promptLength))) throw new Error(`prose held too long: ${JSON.stringify(deltas)}`);
    }
    await engine.handle(event);
    received += delta ?? "";
    if (leaks(content())) throw new Error(`leaked: ${JSON.stringify(content())} for ${JSON.stringify(deltas)}`);
  }
  if (engine.ended !== "completed") throw new Error(`ended: ${engine.ended}`);
  return content();
}

describe("property: secrets split at any point never leak, prose goes out promptly", () => {
  it("every single split point and every pair of split points around the secret", async () => {
    await fc.assert(
      fc.asyncProperty(sample, async ({ before, secret, after }) => {
        const text = `${before} ${secret} ${after}`;
        const expected = `${before} [REDACTED] ${after}`;
        const start = before.length + 1;
        const end = start + secret.length;
        for (let i = 1; i < text.length; i++) {
          const got = await runDeltas({ before, secret, after, deltas: [text.slice(0, i), text.slice(i)] });
          if (got !== expected) throw new Error(`split at ${i}: ${got}`);
        }
        for (let i = start - 2; i <= end + 1; i++) {
          for (let j = i + 1; j <= end + 2; j++) {
            const deltas = [text.slice(0, i), text.slice(i, j), text.slice(j)].filter((d) => d.length > 0);
            const got = await runDeltas({ before, secret, after, deltas });
            if (got !== expected) throw new Error(`splits at ${i},${j}: ${got}`);
          }
        }
      }),
      { numRuns: 8 },
    );
  });

  it("random chunkings, down to one character per delta, with either word hold", async () => {
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(sample, cuts, fc.constantFrom("all" as const, "suspicious" as const), async ({ before, secret, after }, cutList, holdWords) => {
        const text = `${before} ${secret} ${after}`;
        const points = [0, ...cutList.filter((c) => c < text.length).sort((a, b) => a - b), text.length];
        const deltas = points.slice(1).map((p, i) => text.slice(points[i], p));
        expect(await runDeltas({ before, secret, after, deltas, holdWords })).toBe(`${before} [REDACTED] ${after}`);
      }),
      { numRuns: 150 },
    );
  });

  it("through the byte stream: random byte splits of an Anthropic body", async () => {
    await fc.assert(
      fc.asyncProperty(sample, fc.uniqueArray(fc.integer({ min: 1, max: 2000 }), { maxLength: 30 }), async ({ before, secret, after }, cutList) => {
        const text = `${before} ${secret} ${after} 🙂`;
        const words = text.split(/(?<= )/);
        const bytes = new TextEncoder().encode(anthropicEvents({ deltas: words }).join(""));
        const points = [0, ...cutList.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length];
        const chunks = points.slice(1).map((p, i) => bytes.subarray(points[i], p));
        const pair = createStreamScreener({ surface: anthropicMessagesSurface, screen: fakeScreen });
        const events = parseSseText(await pipeChunks({ pair, chunks }));
        const client = events
          .filter((e) => e.event === "content_block_delta")
          .map((e) => JSON.parse(e.data).delta.text)
          .join("");
        expect(client).toBe(`${before} [REDACTED] ${after} 🙂`);
        expect(events.at(-1)!.event).toBe("message_stop");
      }),
      { numRuns: 60 },
    );
  });

  it("through the byte stream: a Responses body, whose done events repeat exactly the screened deltas", async () => {
    await fc.assert(
      fc.asyncProperty(sample, fc.uniqueArray(fc.integer({ min: 1, max: 3000 }), { maxLength: 30 }), async ({ before, secret, after }, cutList) => {
        const text = `${before} ${secret} ${after} 🙂`;
        const wire = responsesEvents({ model: "gpt-4o", chunks: text.split(/(?<= )/), usage: { input_tokens: 3, output_tokens: 9 } });
        const bytes = new TextEncoder().encode(wire.join(""));
        const points = [0, ...cutList.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length];
        const chunks = points.slice(1).map((p, i) => bytes.subarray(points[i], p));
        const pair = createStreamScreener({ surface: openAiResponsesSurface, screen: fakeScreen });
        const out = await pipeChunks({ pair, chunks });
        const events = parseSseText(out).map((e) => ({ name: e.event, data: JSON.parse(e.data) }));
        const expected = `${before} [REDACTED] ${after} 🙂`;
        const deltas = events.filter((e) => e.name === "response.output_text.delta").map((e) => e.data.delta);
        expect(deltas.join("")).toBe(expected);
        expect(events.find((e) => e.name === "response.output_text.done")!.data.text).toBe(expected);
        expect(events.find((e) => e.name === "response.completed")!.data.response.output[0].content[0].text).toBe(expected);
        expect(out.includes(secret)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe("property: cited pages' titles carrying a secret never leak, in any event that carries them", () => {
  // Titles: plain, or with a secret inside (and what the client must see); some citations sent twice (identical
  // citations share one channel).
  const title = fc.oneof(
    prose.map((text) => ({ raw: text, shown: text, secret: undefined as string | undefined })),
    sample.map(({ before, secret: s, after }) => ({ raw: `${before} ${s} ${after}`, shown: `${before} [REDACTED] ${after}`, secret: s as string | undefined })),
  );
  const citations = fc.array(fc.record({ title, twice: fc.boolean() }), { minLength: 1, maxLength: 4 });
  const cuts = fc.uniqueArray(fc.integer({ min: 1, max: 4000 }), { maxLength: 30 });
  const byteChunks = (wire: string, cutList: number[]) => {
    const bytes = new TextEncoder().encode(wire);
    const points = [0, ...cutList.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length];
    return points.slice(1).map((p, i) => bytes.subarray(points[i], p));
  };
  type Title = { raw: string; shown: string; secret: string | undefined };
  const expand = (list: Array<{ title: Title; twice: boolean }>) => list.flatMap((c, n) => (c.twice ? [c, c] : [c]).map(({ title: t }) => ({ n, ...t })));
  const expectNoSecret = (out: string, sent: Array<{ secret: string | undefined }>) => {
    for (const { secret: s } of sent) if (s !== undefined && out.includes(s)) throw new Error(`leaked ${s}: ${out}`);
  };

  it("OpenAI chat: each citation chunk goes out with every title as screened", async () => {
    await fc.assert(
      fc.asyncProperty(sample, citations, cuts, async ({ before, after }, list, cutList) => {
        const sent = expand(list);
        const cited = sent.map(({ n, raw }) => ({ type: "url_citation", url_citation: { start_index: 0, end_index: 4, url: `https://example.com/${n}`, title: raw } }));
        const events = openAiEvents({ deltas: `${before} ${after}`.split(/(?<= )/) });
        const base = { id: "chatcmpl-abc123", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini" };
        const citing = (annotations: unknown[]) => `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { annotations }, finish_reason: null }] })}\n\n`;
        const half = Math.ceil(cited.length / 2);
        events.splice(events.length - 2, 0, citing(cited.slice(0, half)), ...(cited.length > half ? [citing(cited.slice(half))] : []));
        const out = await pipeChunks({ pair: createStreamScreener({ surface: openAiChatSurface, screen: fakeScreen }), chunks: byteChunks(events.join(""), cutList) });
        expectNoSecret(out, sent);
        const titles = parseSseText(out)
          .filter((e) => e.data !== "[DONE]")
          .flatMap((e) => JSON.parse(e.data).choices?.[0]?.delta?.annotations ?? [])
          .map((a: { url_citation: { title: string } }) => a.url_citation.title);
        expect(titles).toEqual(sent.map((t) => t.shown));
      }),
      { numRuns: 60 },
    );
  });

  it("OpenAI Responses: annotation.added and every later copy carry the same screened titles", async () => {
    await fc.assert(
      fc.asyncProperty(sample, citations, cuts, async ({ before, after }, list, cutList) => {
        const sent = expand(list);
        const cited = sent.map(({ n, raw }) => ({ type: "url_citation", start_index: 0, end_index: 4, url: `https://example.com/${n}`, title: raw }));
        const wire = parseSseText(responsesEvents({ model: "gpt-4o", chunks: `${before} ${after}`.split(/(?<= )/), usage: { input_tokens: 3, output_tokens: 9 } }).join("")).flatMap((event) => {
          const data = JSON.parse(event.data);
          if (data.type === "response.content_part.done") data.part.annotations = cited;
          if (data.type === "response.output_item.done") data.item.content[0].annotations = cited;
          if (data.type === "response.completed") data.response.output[0].content[0].annotations = cited;
          if (data.type !== "response.output_text.done") return [namedEvent(data.type, data)];
          const added = cited.map((annotation, k) =>
            namedEvent("response.output_text.annotation.added", { type: "response.output_text.annotation.added", item_id: data.item_id, output_index: 0, content_index: 0, annotation_index: k, annotation }),
          );
          return [...added, namedEvent(data.type, data)];
        });
        const out = await pipeChunks({ pair: createStreamScreener({ surface: openAiResponsesSurface, screen: fakeScreen }), chunks: byteChunks(wire.join(""), cutList) });
        expectNoSecret(out, sent);
        const events = parseSseText(out).map((e) => JSON.parse(e.data));
        const shown = sent.map((t) => t.shown);
        const titles = (annotations: Array<{ title: string }>) => annotations.map((a) => a.title);
        expect(events.filter((e) => e.type === "response.output_text.annotation.added").map((e) => e.annotation.title)).toEqual(shown);
        expect(titles(events.find((e) => e.type === "response.content_part.done").part.annotations)).toEqual(shown);
        expect(titles(events.find((e) => e.type === "response.output_item.done").item.content[0].annotations)).toEqual(shown);
        expect(titles(events.find((e) => e.type === "response.completed").response.output[0].content[0].annotations)).toEqual(shown);
      }),
      { numRuns: 60 },
    );
  });
});
