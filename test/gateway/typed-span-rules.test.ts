// A pii rule's per-span-type actions (`types`) and allowed values (`allowValues`) through the Node gateway, the
// official OpenAI SDK and the real detectors: a tenant that lets e-mail addresses through both ways and blocks on card
// numbers gets its e-mails to the model and back, its phone numbers still redacted (and restored in the answer), whole
// and streamed; a card blocks; /v1/guard's verdict names only the spans acted on; the audit record names no finding
// for an allowed e-mail. A value the answer may carry (a crisis line) reaches the client only where the output rule
// allows it.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "../support/fake-gateway";

const EMAIL = "jane.doe@example.com";
const PHONE = "+1 (415) 555-2671";

const HOTLINE = "1-800-273-8255";

let typed: FakeGateway;
let defaults: FakeGateway;
let hotline: FakeGateway;

beforeAll(async () => {
  typed = await startFakeGateway({
    tenant: { policy: "crm" },
    config: {
      policies: {
        crm: {
          input: { pii: { action: "redact", types: { email: "allow", credit_card: "block" } } },
          output: { pii: { action: "redact", types: { email: "allow" } } },
        },
      },
    },
  });
  defaults = await startFakeGateway();
  hotline = await startFakeGateway({
    tenant: { policy: "helpline" },
    config: {
      policies: {
        // The number may be sent to the model as written (so the echo carries it), and given in answers only when the
        // answer's rule allows it too.
        helpline: { input: { pii: { action: "redact", allowValues: [HOTLINE] } }, output: { pii: { action: "redact", allowValues: ["+1 800 273 8255"] } } },
      },
    },
  });
});
afterAll(async () => {
  await typed?.close();
  await defaults?.close();
  await hotline?.close();
});

const openai = (gateway: FakeGateway) => new OpenAI({ baseURL: `${gateway.server.url}/v1`, apiKey: gateway.key.key, maxRetries: 0 });
const forwardedText = (gateway: FakeGateway, marker: string) => {
  const sent = gateway.fake.requests.filter((r) => JSON.stringify(r.body).includes(marker));
  expect(sent).toHaveLength(1);
  return (sent[0].body.messages as Array<{ content: string }>).at(-1)!.content;
};

describe("a pii rule with per-type actions", () => {
  it("forwards an allowed type as written and still redacts the others, restoring them in the answer", async () => {
    const prompt = `Ticket 7101: write to ${EMAIL} or call ${PHONE}.`;
    const answer = await openai(typed).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] });
    expect(forwardedText(typed, "Ticket 7101")).toBe(`Ticket 7101: write to ${EMAIL} or call [PHONE_1].`);
    expect(answer.choices[0].message.content).toBe(`Echo: ${prompt}`);
    const record = typed.audit.records.at(-1)!;
    expect(record.action).toBe("redact");
    expect(record.findings.filter((finding) => finding.category === "pii")).toHaveLength(1);
  });

  it("lets an answer's allowed type through where the default policy redacts it, whole and streamed", async () => {
    const prompt = `Ticket 7102: the customer is ${EMAIL}.`;
    const whole = await openai(typed).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] });
    expect(whole.choices[0].message.content).toBe(`Echo: ${prompt}`);
    const stream = await openai(typed).chat.completions.create({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: prompt }] });
    let streamed = "";
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? "";
    expect(streamed).toBe(`Echo: ${prompt}`);
    // Nothing about e-mails was acted on, so the audit record has no finding.
    expect(typed.audit.records.at(-1)!.findings).toEqual([]);

    // The default policy redacts the address on the way in; the answer's copy is the restored placeholder.
    const byDefault = await openai(defaults).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] });
    expect(forwardedText(defaults, "Ticket 7102")).toBe("Ticket 7102: the customer is [EMAIL_1].");
    expect(byDefault.choices[0].message.content).toBe(`Echo: ${prompt}`);
  });

  it("blocks on a type whose action is block, naming the category", async () => {
    const error = await openai(typed)
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Ticket 7103: charge 4111 1111 1111 1111 for ${EMAIL}.` }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("prompt_blocked");
    expect(error.message).toContain("pii");
    expect(typed.fake.requests.some((r) => JSON.stringify(r.body).includes("Ticket 7103"))).toBe(false);
  });

  it("shows in /v1/guard: only the spans acted on, and the allowed text left in redacted_text", async () => {
    const text = `Write to ${EMAIL} or call ${PHONE}.`;
    const response = await fetch(`${typed.server.url}/v1/guard`, {
      method: "POST",
      headers: { "x-api-key": typed.key.key, "content-type": "application/json" },
      body: JSON.stringify({ text, direction: "input" }),
    });
    expect(response.status).toBe(200);
    const verdict = (await response.json()) as { action: string; findings: Array<{ category: string; spans?: Array<{ type: string }> }>; redacted_text?: string };
    expect(verdict.action).toBe("redact");
    expect(verdict.findings.map((finding) => [finding.category, finding.spans?.map((span) => span.type)])).toEqual([["pii", ["phone"]]]);
    expect(verdict.redacted_text).toBe(`Write to ${EMAIL} or call [PHONE_1].`);
  });
});

describe("a pii rule's allowValues", () => {
  it("lets an allowed value through, written another way, and still redacts every other value of its type", async () => {
    const prompt = `Ticket 7201: if you are struggling call ${HOTLINE}; my own number is ${PHONE}.`;
    const answer = await openai(hotline).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] });
    expect(forwardedText(hotline, "Ticket 7201")).toBe(`Ticket 7201: if you are struggling call ${HOTLINE}; my own number is [PHONE_1].`);
    expect(answer.choices[0].message.content).toBe(`Echo: ${prompt}`);
    // Streamed in token-sized pieces, the number is cut in two ("1-800-273" then "-8255"): held, never redacted or
    // blocked half-way, and let out once it is whole and allowed.
    const stream = await openai(hotline).chat.completions.create({ model: "gpt-4o-mini-tokens", stream: true, messages: [{ role: "user", content: prompt }] });
    let streamed = "";
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? "";
    expect(streamed).toBe(`Echo: ${prompt}`);
  });

  it("each direction has its own: allowed on input only, the answer's copy is redacted", async () => {
    const inputOnly = await startFakeGateway({
      tenant: { policy: "inputOnly" },
      config: { policies: { inputOnly: { input: { pii: { action: "redact", allowValues: [HOTLINE] } } } } },
    });
    try {
      const prompt = `Ticket 7202: call ${HOTLINE}.`;
      const answer = await openai(inputOnly).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: prompt }] });
      expect(forwardedText(inputOnly, "Ticket 7202")).toBe(prompt);
      expect(answer.choices[0].message.content).not.toContain(HOTLINE);
      expect(answer.choices[0].message.content).toBe("Echo: Ticket 7202: call [REDACTED_PHONE].");
    } finally {
      await inputOnly.close();
    }
  });
});
