// Resent answers in the Worker (workerd, KV, the fake provider, the official SDK through SELF.fetch): a delivered
// answer's fingerprint lands in KV (a hash and its write time, never the text) after the response, another isolate
// reading that KV knows it, and the next turn resending it goes through while another tenant's is blocked.
import { env, SELF } from "cloudflare:test";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { answerFingerprint, createDeliveredAnswers, DELIVERED_ANSWER_PREFIX } from "../../shared/screening/delivered-answers/delivered-answers";
import { OPINIONS_ANSWER } from "../support/fake-provider";
import { seedTenantKey } from "../support/seed-kv";

const viaWorker = ((input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input as string, init)) as typeof fetch;
const keys: Record<string, string> = {};

beforeAll(async () => {
  for (const id of ["resent-co", "other-co"]) keys[id] = (await seedTenantKey({ kv: env.EDGEGUARD_KV, tenant: { id } })).key;
});

const openai = (tenant: string) => new OpenAI({ baseURL: "http://gateway.test/v1", apiKey: keys[tenant], maxRetries: 0, fetch: viaWorker });
const QUESTION = "Is remote work better than working in an office?";
const followUp = (answer: string) => [
  { role: "user" as const, content: QUESTION },
  { role: "assistant" as const, content: answer },
  { role: "user" as const, content: "Thanks. Which of those matters most for a small team? (turn: worker)" },
];

describe("resent answers in the Worker", () => {
  it("remembers a delivered answer in KV and lets it through as history for its tenant only", async () => {
    const first = await openai("resent-co").chat.completions.create({ model: "gpt-4o-opinions", messages: [{ role: "user", content: QUESTION }] });
    const answer = first.choices[0].message.content!;
    expect(answer).toBe(OPINIONS_ANSWER);
    const kvKey = DELIVERED_ANSWER_PREFIX + (await answerFingerprint({ tenant: "resent-co", text: answer }));
    let stored: string | null = null;
    for (let i = 0; i < 50 && stored === null; i++) {
      stored = await env.EDGEGUARD_KV.get(kvKey);
      if (stored === null) await new Promise((r) => setTimeout(r, 20));
    }
    // The value is the write time (the retention counts from it), never the text.
    expect(Math.abs(Number(stored) - Date.now())).toBeLessThan(60_000);
    // Another isolate has only KV to go by.
    expect(await createDeliveredAnswers({ kv: env.EDGEGUARD_KV }).knows({ tenant: "resent-co", text: answer })).toBe(true);

    const next = await openai("resent-co").chat.completions.create({ model: "gpt-4o-mini", messages: followUp(answer) });
    expect(next.choices[0].message.content).toContain("(turn: worker)");
    const other = await openai("other-co").chat.completions.create({ model: "gpt-4o-mini", messages: followUp(answer) }).catch((e) => e);
    expect(other).toBeInstanceOf(OpenAI.BadRequestError);
    expect(other.message).toMatch(/\(in the assistant message\)/);
  });
});
