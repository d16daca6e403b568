import { describe, expect, it } from "vitest";
import { anthropicMessagesSurface } from "./anthropic-messages-surface";
import { openAiChatSurface } from "./openai-chat-surface";
import { openAiResponsesSurface } from "./openai-responses-surface";
import { screenCompletionBody } from "./screen-completion-body";
import { CANARY, fakeScreenAsync } from "./test-fakes";

const openAiBody = (content: string) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1,
  model: "gpt-4o-mini",
  choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
});

describe("screenCompletionBody", () => {
  it("redacts an OpenAI answer and restores prompt placeholders, leaving every other field alone", async () => {
    const restore = (t: string) => t.replaceAll("[EMAIL_1]", "ann@example.org");
    const body = openAiBody("Write to [EMAIL_1] with card 4111 1111 1111 1111.");
    const result = await screenCompletionBody({ surface: openAiChatSurface, body, screen: fakeScreenAsync, restore, redact: ({ type }) => `[${type.toUpperCase()}]` });
    expect(result.kind).toBe("allowed");
    if (result.kind !== "allowed") return;
    expect(result.body).toEqual({ ...body, choices: [{ ...body.choices[0], message: { ...body.choices[0].message, content: "Write to ann@example.org with card [CREDIT_CARD]." } }] });
    expect(result.outcome).toMatchObject({ action: "redact", redactions: 1, usage: { input_tokens: 9, output_tokens: 4 } });
    expect(body.choices[0].message.content).toContain("4111"); // the input body is not mutated
  });

  it("returns the untouched body when nothing is found", async () => {
    const body = openAiBody("Nothing to see.");
    const result = await screenCompletionBody({ surface: openAiChatSurface, body, screen: fakeScreenAsync });
    expect(result).toMatchObject({ kind: "allowed", outcome: { action: "allow", redactions: 0 } });
    if (result.kind === "allowed") expect(result.body).toBe(body);
  });

  it("blocks an Anthropic answer with a canary, with Anthropic's error body", async () => {
    const body = {
      id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4-6",
      content: [{ type: "text", text: "Sure." }, { type: "tool_use", id: "t", name: "x", input: {} }, { type: "text", text: `It is ${CANARY}.` }],
      stop_reason: "end_turn", usage: { input_tokens: 3, output_tokens: 5 },
    };
    const result = await screenCompletionBody({ surface: anthropicMessagesSurface, body, screen: fakeScreenAsync });
    expect(result.kind).toBe("blocked");
    if (result.kind !== "blocked") return;
    expect(result.errorBody).toEqual({
      type: "error",
      error: { type: "guardrail_violation", message: expect.stringContaining("canary_leak") },
    });
    expect(JSON.stringify(result.errorBody)).not.toContain(CANARY);
    expect(result.outcome.action).toBe("block");
  });

  it("redacts each Anthropic text block and keeps tool blocks", async () => {
    const body = { type: "message", content: [{ type: "text", text: "key sk-AbCdEfGhIjKlMnOpQrStUv" }, { type: "tool_use", id: "t", name: "x", input: { a: 1 } }] };
    const result = await screenCompletionBody({ surface: anthropicMessagesSurface, body, screen: fakeScreenAsync });
    expect(result.kind === "allowed" && result.body).toEqual({ type: "message", content: [{ type: "text", text: "key [REDACTED]" }, body.content[1]] });
  });

  it("fails closed when the screen throws", async () => {
    const result = await screenCompletionBody({ surface: openAiChatSurface, body: openAiBody("x"), screen: async () => { throw new Error("detector down"); } });
    expect(result).toMatchObject({ kind: "blocked", screenFailed: true });
  });

  it("moves an OpenAI web-search answer's url_citation ranges with the text they cite", async () => {
    const restore = (t: string) => t.replaceAll("[EMAIL_1]", "ann.lee@example.org");
    const content = "Mail [EMAIL_1] or pay with 4111 1111 1111 1111. The guide is at [docs](https://example.com/docs).";
    const cite = (text: string) => ({ start: content.indexOf(text), end: content.indexOf(text) + text.length });
    const docs = cite("[docs](https://example.com/docs)");
    const card = cite("pay with 4111 1111 1111 1111");
    const urlCitation = (range: { start: number; end: number }) => ({
      type: "url_citation",
      url_citation: { start_index: range.start, end_index: range.end, url: "https://example.com/docs", title: "Docs" },
    });
    const body = openAiBody(content);
    const withCitations = { ...body, choices: [{ ...body.choices[0], message: { ...body.choices[0].message, annotations: [urlCitation(docs), urlCitation(card)] } }] };
    const result = await screenCompletionBody({ surface: openAiChatSurface, body: withCitations, screen: fakeScreenAsync, restore, redact: () => "[REDACTED]" });
    if (result.kind !== "allowed") throw new Error("expected an allowed answer");
    const message = (result.body as typeof withCitations).choices[0].message;
    const cited = message.annotations.map((a) => message.content.slice(a.url_citation.start_index, a.url_citation.end_index));
    expect(message.content).toBe("Mail ann.lee@example.org or pay with [REDACTED]. The guide is at [docs](https://example.com/docs).");
    expect(cited).toEqual(["[docs](https://example.com/docs)", "pay with [REDACTED]"]);
    expect(message.annotations[0]).toMatchObject({ type: "url_citation", url_citation: { url: "https://example.com/docs", title: "Docs" } });
  });

  it("moves Responses citations (url ranges, file positions) within each redacted part and leaves other parts alone", async () => {
    const text = "Card 4111 1111 1111 1111 is on file; see the policy (policy.pdf).";
    const other = "A second part with 4111 1111 1111 1111 and nothing cited.";
    const start = text.indexOf("the policy");
    const body = {
      id: "resp_1",
      object: "response",
      output: [
        {
          type: "message",
          id: "msg_1",
          role: "assistant",
          content: [
            {
              type: "output_text",
              text,
              annotations: [
                { type: "url_citation", start_index: start, end_index: start + "the policy".length, url: "https://example.com/p", title: "P" },
                { type: "file_citation", index: text.indexOf("(policy.pdf)"), file_id: "file_1", filename: "policy.pdf" },
              ],
            },
            { type: "output_text", text: other, annotations: [] },
          ],
        },
      ],
    };
    const result = await screenCompletionBody({ surface: openAiResponsesSurface, body, screen: fakeScreenAsync, redact: () => "[REDACTED]" });
    if (result.kind !== "allowed") throw new Error("expected an allowed answer");
    const [part, second] = (result.body as typeof body).output[0].content;
    expect(part.text).toBe("Card [REDACTED] is on file; see the policy (policy.pdf).");
    const [url, file] = part.annotations as Array<{ start_index?: number; end_index?: number; index?: number }>;
    expect(part.text.slice(url.start_index, url.end_index)).toBe("the policy");
    expect(part.text.slice(file.index)).toBe("(policy.pdf).");
    expect(second.text).toBe("A second part with [REDACTED] and nothing cited.");
  });

  it("screens web-search citations' page titles in whole answers: redacted in place, identical citations alike, a canary blocks", async () => {
    const titled = (title: string, start: number) => ({ type: "url_citation", url_citation: { start_index: start, end_index: start + 4, url: "https://example.com/p", title } });
    const body = openAiBody("Read the page today.");
    const leaky = "Card 4111 1111 1111 1111 leak";
    const chat = { ...body, choices: [{ ...body.choices[0], message: { ...body.choices[0].message, annotations: [titled(leaky, 0), titled("Plain", 5), titled(leaky, 0)] } }] };
    const result = await screenCompletionBody({ surface: openAiChatSurface, body: chat, screen: fakeScreenAsync, redact: () => "[REDACTED]" });
    if (result.kind !== "allowed") throw new Error("expected an allowed answer");
    const message = (result.body as typeof chat).choices[0].message;
    expect(message.content).toBe("Read the page today.");
    expect(message.annotations.map((a) => a.url_citation.title)).toEqual(["Card [REDACTED] leak", "Plain", "Card [REDACTED] leak"]);
    expect(message.annotations[1]).toEqual(chat.choices[0].message.annotations[1]);
    expect(result.outcome).toMatchObject({ action: "redact" });

    const responses = {
      id: "resp_3",
      object: "response",
      output: [{ type: "message", id: "msg_1", role: "assistant", content: [{ type: "output_text", text: "Read the page.", annotations: [{ type: "url_citation", start_index: 0, end_index: 4, url: "https://example.com/p", title: leaky }] }] }],
    };
    const screened = await screenCompletionBody({ surface: openAiResponsesSurface, body: responses, screen: fakeScreenAsync, redact: () => "[REDACTED]" });
    if (screened.kind !== "allowed") throw new Error("expected an allowed answer");
    const part = (screened.body as typeof responses).output[0].content[0];
    expect(part).toEqual({ ...responses.output[0].content[0], annotations: [{ ...responses.output[0].content[0].annotations[0], title: "Card [REDACTED] leak" }] });

    const canary = { ...body, choices: [{ ...body.choices[0], message: { ...body.choices[0].message, annotations: [titled(`Leaked ${CANARY}`, 0)] } }] };
    expect(await screenCompletionBody({ surface: openAiChatSurface, body: canary, screen: fakeScreenAsync })).toMatchObject({ kind: "blocked" });
  });

  it("screens a Responses answer's reasoning summary like its text, and keeps output_text to the message", async () => {
    const body = {
      id: "resp_2",
      object: "response",
      output: [
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Recall the card 4111 1111 1111 1111 but never say it." }], encrypted_content: "gAAAA" },
        { type: "message", id: "msg_1", role: "assistant", content: [{ type: "output_text", text: "I can't share card numbers.", annotations: [] }] },
      ],
      output_text: "I can't share card numbers.",
    };
    const result = await screenCompletionBody({ surface: openAiResponsesSurface, body, screen: fakeScreenAsync, redact: () => "[REDACTED]" });
    if (result.kind !== "allowed") throw new Error("expected an allowed answer");
    const screened = result.body as typeof body;
    expect(screened.output[0]).toEqual({ ...body.output[0], summary: [{ type: "summary_text", text: "Recall the card [REDACTED] but never say it." }] });
    expect(screened.output[1]).toEqual(body.output[1]);
    expect(screened.output_text).toBe("I can't share card numbers.");
    expect(result.outcome).toMatchObject({ action: "redact", redactions: 1 });
  });

  it("screens a chat answer's reasoning_content like its content, each in its own field", async () => {
    const body = openAiBody("No card numbers here.");
    const withReasoning = { ...body, choices: [{ ...body.choices[0], message: { ...body.choices[0].message, reasoning_content: "They pasted 4111 1111 1111 1111; do not echo it." } }] };
    const result = await screenCompletionBody({ surface: openAiChatSurface, body: withReasoning, screen: fakeScreenAsync, redact: () => "[REDACTED]" });
    if (result.kind !== "allowed") throw new Error("expected an allowed answer");
    const message = (result.body as typeof withReasoning).choices[0].message;
    expect(message).toEqual({ ...withReasoning.choices[0].message, reasoning_content: "They pasted [REDACTED]; do not echo it." });
    expect((result.body as typeof withReasoning).choices[0].logprobs).toBeNull();
  });

  it("screens an Anthropic answer's signed thinking without rewriting it: a canary blocks, a card blocks unless the policy flags", async () => {
    const answer = (thinking: string) => ({
      id: "msg_2", type: "message", role: "assistant", model: "claude-sonnet-4-6",
      content: [{ type: "thinking", thinking, signature: "EqQBCgIYAhIM" }, { type: "text", text: "Done." }],
      stop_reason: "end_turn", usage: { input_tokens: 3, output_tokens: 5 },
    });
    const leaked = await screenCompletionBody({ surface: anthropicMessagesSurface, body: answer(`The prompt holds ${CANARY}.`), screen: fakeScreenAsync });
    expect(leaked.kind).toBe("blocked");
    expect(JSON.stringify(leaked.kind === "blocked" ? leaked.errorBody : {})).not.toContain(CANARY);
    const body = answer("They pasted 4111 1111 1111 1111 earlier.");
    const stopped = await screenCompletionBody({ surface: anthropicMessagesSurface, body, screen: fakeScreenAsync });
    expect(stopped).toMatchObject({ kind: "blocked", screenFailed: false, outcome: { action: "block", keptVerbatim: [] } });
    const flagged = await screenCompletionBody({ surface: anthropicMessagesSurface, body, screen: fakeScreenAsync, verbatimText: "flag" });
    expect(flagged).toMatchObject({ kind: "allowed", outcome: { action: "flag", redactions: 0, keptVerbatim: ["signed"] } });
    if (flagged.kind === "allowed") expect(flagged.body).toBe(body);
  });
});
