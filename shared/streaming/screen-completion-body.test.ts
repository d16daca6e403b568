import { describe, expect, it } from "vitest";
import { anthropicMessagesSurface } from "./anthropic-messages-surface";
import { openAiChatSurface } from "./openai-chat-surface";
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
});
