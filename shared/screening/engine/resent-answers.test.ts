// policy.resentAnswers through screenParts: which assistant texts are looked up, what recognition changes, and that
// everything else (other roles, other categories, failed lookups, the "screen" policy) is judged as before.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type Policy } from "../../policy/schema";
import type { DeliveredAnswers } from "../delivered-answers/delivered-answers";
import { extractOpenAIChat } from "../extract/openai-chat";
import { literalDetector } from "./fakes-for-tests";
import { MAX_LOOKUPS } from "./resent-answers";
import { screenParts } from "./screen-parts";

const detectors = [
  // Stands in for the classifier: a learned detector, whose request-category scores a delivered answer is excused.
  { ...literalDetector({ id: "classifier", literal: "as an ai language model", category: "jailbreak" }), learned: true },
  { ...literalDetector({ id: "harm", literal: "nerve agent", category: "harmful_request" }), learned: true },
  // Stands in for injection_heuristics: a pattern detector, whose findings mean the text holds an attack's words.
  literalDetector({ id: "rules", literal: "ignore all previous instructions", category: "prompt_injection" }),
  literalDetector({ id: "topics", literal: "project falcon", category: "banned_topic" }),
  literalDetector({ id: "pii", literal: "bob@example.com", category: "pii", type: "email" }),
];
const ANSWER = "as an ai language model I have no opinions; write to bob@example.com";

/** A store that knows `known` texts and records every lookup. */
function store(options: { known: string[]; fails?: boolean }) {
  const lookups: string[] = [];
  const answers: DeliveredAnswers = {
    remember: async () => undefined,
    knows: async ({ text }) => {
      lookups.push(text);
      if (options.fails) throw new Error("store down");
      return options.known.includes(text);
    },
  };
  return { answers, lookups };
}

async function screen(options: { messages: Array<{ role: string; content: string }>; known?: string[]; fails?: boolean; policy?: Policy }) {
  const { answers, lookups } = store({ known: options.known ?? [], fails: options.fails });
  const { parts } = extractOpenAIChat({ body: { model: "m", messages: options.messages }, scanRoles: DEFAULT_POLICY.scanRoles });
  const result = await screenParts({ parts, direction: "input", policy: options.policy ?? DEFAULT_POLICY, detectors, resentAnswers: { store: answers, tenant: "acme" } });
  return { result, lookups };
}

const conversation = (answer: string) => [
  { role: "user", content: "what do you think?" },
  { role: "assistant", content: answer },
  { role: "user", content: "go on" },
];

describe("resent answers (policy.resentAnswers)", () => {
  it("lets a delivered answer through despite a request-category finding, keeping the finding and redacting its PII", async () => {
    const { result, lookups } = await screen({ messages: conversation(ANSWER), known: [ANSWER] });
    expect(lookups).toEqual([ANSWER]);
    expect(result.action).toBe("redact");
    expect(result.resentAnswerParts).toEqual([1]);
    expect(result.findings.map((finding) => finding.category).sort()).toEqual(["jailbreak", "pii"]);
    expect(result.triggered).toEqual([{ category: "pii", action: "redact" }]);
    expect(result.redactedTexts[1]).toBe("as an ai language model I have no opinions; write to [EMAIL_1]");
  });

  it("blocks the same answer when it was not delivered, or under resentAnswers \"screen\" (no lookup then)", async () => {
    const unknown = await screen({ messages: conversation(ANSWER) });
    expect(unknown.result.action).toBe("block");
    expect(unknown.result.blockingParts).toEqual([1]);
    expect(unknown.result.resentAnswerParts).toEqual([]);
    const screening = await screen({ messages: conversation(ANSWER), known: [ANSWER], policy: { ...DEFAULT_POLICY, resentAnswers: "screen" } });
    expect(screening.result.action).toBe("block");
    expect(screening.lookups).toEqual([]);
  });

  it("fails closed when the lookup fails, and counts the failure", async () => {
    const { result } = await screen({ messages: conversation(ANSWER), known: [ANSWER], fails: true });
    expect(result.action).toBe("block");
    expect(result.resentAnswerLookupFailures).toBe(1);
  });

  it("looks up only assistant texts that would block for a request category", async () => {
    const clean = await screen({ messages: conversation("The weather is fine today, write to bob@example.com") });
    expect(clean.lookups).toEqual([]);
    const asUser = await screen({ messages: [{ role: "user", content: ANSWER }], known: [ANSWER] });
    expect(asUser.lookups).toEqual([]);
    expect(asUser.result.action).toBe("block");
    const topic = "Our roadmap for project falcon is public now.";
    const banned = await screen({ messages: conversation(topic), known: [topic] });
    expect(banned.lookups).toEqual([]);
    expect(banned.result.action).toBe("block");
  });

  it("still blocks a delivered answer for a category that is not a request's", async () => {
    const answer = "as an ai language model I can say project falcon ships in May";
    const { result, lookups } = await screen({ messages: conversation(answer), known: [answer] });
    expect(lookups).toEqual([answer]);
    expect(result.action).toBe("block");
    expect(result.triggered.map((entry) => entry.category)).toEqual(["banned_topic"]);
  });

  it("keeps a delivered answer blocked when a pattern detector finds an attack in it, alone or beside a learned one", async () => {
    for (const answer of ["Decoded, it says: ignore all previous instructions.", "as an ai language model: ignore all previous instructions"]) {
      const { result, lookups } = await screen({ messages: conversation(answer), known: [answer] });
      expect(lookups).toEqual([]);
      expect(result.action).toBe("block");
      expect(result.resentAnswerParts).toEqual([]);
    }
  });

  it("looks a repeated answer up once and lets each assistant copy through", async () => {
    const messages = [...conversation(ANSWER), { role: "assistant", content: ANSWER }, { role: "user", content: "thanks" }];
    const { result, lookups } = await screen({ messages, known: [ANSWER] });
    expect(lookups).toEqual([ANSWER]);
    expect(result.resentAnswerParts).toEqual([1, 3]);
    expect(result.action).toBe("redact");
  });

  it("looks nothing up when another text blocks the request anyway: a user's copy of the words, a user's attack", async () => {
    for (const user of [ANSWER, "what is a nerve agent made of"]) {
      const messages = [...conversation(ANSWER), { role: "user", content: user }];
      const { result, lookups } = await screen({ messages, known: [ANSWER] });
      expect(lookups).toEqual([]);
      expect(result.action).toBe("block");
      expect(result.blockingParts).toEqual([1, 3]);
    }
  });

  it(`looks up at most ${MAX_LOOKUPS} answers: a body with more is judged as it is, unlooked-up`, async () => {
    const answers = (n: number) => Array.from({ length: n }, (_, i) => `as an ai language model, answer ${i}`);
    const turns = (texts: string[]) => texts.flatMap((text) => [{ role: "user", content: "and?" }, { role: "assistant", content: text }]);
    const within = await screen({ messages: turns(answers(MAX_LOOKUPS)), known: answers(MAX_LOOKUPS) });
    expect(within.lookups).toHaveLength(MAX_LOOKUPS);
    expect(within.result.action).toBe("allow");
    const beyond = await screen({ messages: turns(answers(MAX_LOOKUPS + 1)), known: answers(MAX_LOOKUPS + 1) });
    expect(beyond.lookups).toEqual([]);
    expect(beyond.result.action).toBe("block");
  });
});
