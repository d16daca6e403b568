// A chat resends its whole history with every turn. Through the Node gateway and the official SDK: each turn screens
// only the texts it adds (the rest were found clean for this end user before), another end user's identical history is
// screened in full, and a text with a finding is screened and redacted on every turn it is sent.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Detector } from "../../shared/screening/types";
import { startFakeGateway, type FakeGateway } from "../support/fake-gateway";

let gateway: FakeGateway;
/** Every input text the detectors were run on, in order. */
const screened: string[] = [];
const witness: Detector = {
  id: "witness",
  categories: ["pii"],
  directions: ["input"],
  scan: (input) => (screened.push(input.original), []),
};

beforeAll(async () => {
  gateway = await startFakeGateway({ key: { scopes: ["chat", "set_user"] } });
  gateway.server.deps.detectors = [...gateway.server.deps.detectors, witness];
});
afterAll(() => gateway?.close());

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;
const openai = (endUser: string) =>
  new OpenAI({ baseURL: `${gateway.server.url}/v1`, apiKey: gateway.key.key, maxRetries: 0, defaultHeaders: { "x-edgeguard-user": endUser } });

/** Sends the conversation so far plus `user`, and returns it with the answer appended, and what was screened. */
async function turn(options: { endUser: string; history: Message[]; user: string }) {
  screened.length = 0;
  const messages: Message[] = [...options.history, { role: "user", content: options.user }];
  const answer = await openai(options.endUser).chat.completions.create({ model: "gpt-4o-mini", messages });
  return { history: [...messages, { role: "assistant" as const, content: answer.choices[0].message.content! }], screened: [...screened] };
}

describe("a conversation's history", () => {
  it("is screened once: each turn screens only the texts it adds, per end user", async () => {
    const system: Message = { role: "system", content: "You are the travel desk of Northwind. (history test)" };
    const first = await turn({ endUser: "ann", history: [system], user: "Which trains go to Bergen on Sunday?" });
    expect(first.screened).toEqual([system.content, "Which trains go to Bergen on Sunday?"]);
    const answer = (history: Message[]) => history.at(-1)!.content as string;
    // The first turn's question is screened again: a single-turn request's text is not remembered (most never repeat).
    const second = await turn({ endUser: "ann", history: first.history, user: "And the one after that?" });
    expect(second.screened).toEqual(["Which trains go to Bergen on Sunday?", answer(first.history), "And the one after that?"]);
    const third = await turn({ endUser: "ann", history: second.history, user: "Is there a dining car?" });
    expect(third.screened).toEqual([answer(second.history), "Is there a dining car?"]);
    // Bob sends Ann's conversation: the app's system prompt is known for the tenant, the conversation is not.
    const bob = await turn({ endUser: "bob", history: second.history, user: "Is there a dining car?" });
    expect(bob.screened).toEqual(second.history.slice(1).map((message) => message.content).concat("Is there a dining car?"));
  });

  it("with a finding is screened and redacted again on every turn it is sent", async () => {
    const first = await turn({ endUser: "cleo", history: [], user: "Write to me at cleo.berg@northwind.io about the refund." });
    const second = await turn({ endUser: "cleo", history: first.history, user: "Thanks, send it today." });
    expect(second.screened).toContain("Write to me at cleo.berg@northwind.io about the refund.");
    const sent = gateway.fake.requests.filter((r) => JSON.stringify(r.body).includes("Thanks, send it today."));
    expect(sent).toHaveLength(1);
    expect((sent[0].body.messages as any[])[0].content).toBe("Write to me at [EMAIL_1] about the refund.");
  });
});
