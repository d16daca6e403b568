// Fault injection on the provider side, through the Node server: 500s, 429 with Retry-After, garbage answers, an
// impossible status, a redirect, a stream that goes silent, a slow first token (504, or the fallback, within
// firstTokenTimeoutMs), a connection reset before any byte and one mid-stream. For each: no crash, the right status
// in the route's envelope, one audit record, and the server serves on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_PROVIDER_KEY, stalledStreams } from "../support/fake-provider";
import { dialectFor, envelopeProblem, startHardeningGateway, stillServing, tryJson, type HardeningGateway } from "./hardening-gateway";

const FIRST_TOKEN_MS = 400;
const IDLE_MS = 300;
/** Scheduling slack on a loaded 2-core machine; far below the fake's 3 s delay, so a late answer still fails. */
const SLACK_MS = 700;

let gateway: HardeningGateway;

beforeAll(async () => {
  gateway = await startHardeningGateway({
    configure: (base) => ({
      ...base,
      providers: {
        ...base.providers,
        // No retries and short timeouts: what a fault costs is then exactly the configured budget.
        fast: { type: "openai", baseUrl: `${gatewayFakeUrl(base)}/v1`, apiKey: FAKE_PROVIDER_KEY, maxRetries: 0, connectTimeoutMs: 500, firstTokenTimeoutMs: FIRST_TOKEN_MS, answerTimeoutMs: FIRST_TOKEN_MS, streamIdleTimeoutMs: IDLE_MS },
        // Whole answers may take longer to generate than it may take to connect.
        patient: { type: "openai", baseUrl: `${gatewayFakeUrl(base)}/v1`, apiKey: FAKE_PROVIDER_KEY, maxRetries: 0, connectTimeoutMs: 500, answerTimeoutMs: 5_000 },
      },
      routes: [{ model: "gpt-fb-*", provider: "fast", fallbacks: ["backup"] }, { model: "gpt-fast-*", provider: "fast" }, { model: "gpt-patient-*", provider: "patient" }, ...base.routes],
    }),
  });
});
afterAll(async () => {
  await gateway?.close();
});

/** The fake's URL, read back from the base config's backup provider (`<fake>/backup/v1`). */
function gatewayFakeUrl(base: { providers: Record<string, { baseUrl: string }> }): string {
  return base.providers.backup.baseUrl.replace(/\/backup\/v1$/, "");
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

async function call(options: { path: "/v1/chat/completions" | "/v1/responses" | "/v1/messages"; model: string; stream?: boolean; content?: string }): Promise<Answer> {
  const started = performance.now();
  const content = options.content ?? "tell me a story";
  const body: Record<string, unknown> = { model: options.model, stream: options.stream ?? false };
  if (options.path === "/v1/responses") body.input = content;
  else body.messages = [{ role: "user", content }];
  if (options.path === "/v1/messages") body.max_tokens = 64;
  const response = await fetch(`${gateway.url}${options.path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${gateway.key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  gateway.expectedAudit++;
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text, ms: performance.now() - started };
}

/** Asserts an error answer: status, the path's envelope, the reason code (OpenAI dialect); then audit and liveness. */
async function expectError(answer: Answer, options: { path: string; status: number; code?: string }): Promise<void> {
  expect(answer.status).toBe(options.status);
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = tryJson(answer.text) as { error?: { code?: string } };
  expect(envelopeProblem({ dialect: dialectFor(options.path), body })).toBeNull();
  if (options.code) expect(body.error?.code).toBe(options.code);
}

async function expectHealthyAfter(): Promise<void> {
  expect(await stillServing(gateway)).toBe(true);
  expect(await gateway.auditMatches()).toBeNull();
}

const lastAudit = () => gateway.audit.recent.filter((r) => r.route !== "/v1/chat/completions" || r.model !== "gpt-4o-mini").at(-1)!;

describe("provider answering 500", () => {
  it("retries once, then 502 upstream_error in each dialect, with both attempts audited", async () => {
    await expectError(await call({ path: "/v1/chat/completions", model: "gpt-x-500" }), { path: "/v1/chat/completions", status: 502, code: "upstream_error" });
    await gateway.auditMatches();
    expect(lastAudit().upstreamAttempts.map((a) => a.status)).toEqual([500, 500]);
    await expectError(await call({ path: "/v1/messages", model: "claude-x-500", stream: true }), { path: "/v1/messages", status: 502 });
    await expectHealthyAfter();
  });
});

describe("provider answering 429 with Retry-After", () => {
  it("honours a short Retry-After and succeeds on the retry", async () => {
    const answer = await call({ path: "/v1/chat/completions", model: `gpt-429-h${Date.now()}`, content: "after the wait" });
    expect(answer.status).toBe(200);
    expect((tryJson(answer.text) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe("Echo: after the wait");
    await expectHealthyAfter();
  });

  it("does not sit out a long Retry-After: 502 at once instead of holding the client 30 s", async () => {
    const answer = await call({ path: "/v1/chat/completions", model: "gpt-x-ratelimited" });
    await expectError(answer, { path: "/v1/chat/completions", status: 502, code: "upstream_error" });
    expect(answer.ms).toBeLessThan(SLACK_MS + 500);
    await gateway.auditMatches();
    expect(lastAudit().upstreamAttempts).toHaveLength(1);
    await expectHealthyAfter();
  });
});

describe("provider answering garbage", () => {
  it("ends a streamed answer with an SSE error event and no [DONE] (OpenAI) / no message_stop (Anthropic)", async () => {
    const openai = await call({ path: "/v1/chat/completions", model: "gpt-x-garbage", stream: true });
    expect(openai.status).toBe(200);
    expect(openai.text).toMatch(/^data: \{"error":\{[^\n]*"code":"upstream_error"/m);
    expect(openai.text).not.toContain("[DONE]");
    expect(openai.text).not.toContain("<html>"); // the garbage itself never reaches the client
    const responses = await call({ path: "/v1/responses", model: "gpt-x-garbage", stream: true });
    expect(responses.text).toMatch(/^event: error\ndata: \{"error":\{[^\n]*"code":"upstream_error"/m);
    expect(responses.text).not.toContain("<html>");
    const anthropic = await call({ path: "/v1/messages", model: "claude-x-garbage", stream: true });
    expect(anthropic.text).toMatch(/^event: error\ndata: \{"type":"error"/m);
    expect(anthropic.text).not.toContain("message_stop");
    await gateway.auditMatches();
    expect(lastAudit().streamOutcome).toBe("upstream_error");
    await expectHealthyAfter();
  });
});

describe("provider answering a status outside 200-599", () => {
  it("answers 502 upstream_error in each dialect and keeps serving (the Node server refuses the answer, never throws)", async () => {
    await expectError(await call({ path: "/v1/chat/completions", model: "gpt-x-bad-status" }), { path: "/v1/chat/completions", status: 502, code: "upstream_error" });
    await expectError(await call({ path: "/v1/messages", model: "claude-x-bad-status", stream: true }), { path: "/v1/messages", status: 502 });
    await expectHealthyAfter();
  });
});

describe("provider answering a redirect", () => {
  it("never follows it (the prompt goes only where the operator's config points): 502, then the fallback", async () => {
    for (const stream of [false, true]) {
      await expectError(await call({ path: "/v1/chat/completions", model: "gpt-x-redirect", stream }), { path: "/v1/chat/completions", status: 502, code: "upstream_error" });
      await gateway.auditMatches();
      expect(lastAudit().upstreamAttempts).toEqual([expect.objectContaining({ status: 307, error: "redirect" })]); // not retried
    }
    await expectError(await call({ path: "/v1/messages", model: "claude-x-redirect" }), { path: "/v1/messages", status: 502 });
    const fellBack = await call({ path: "/v1/chat/completions", model: "gpt-fb-redirect", content: "after the redirect" });
    expect(fellBack.status).toBe(200);
    expect(gateway.fake.requests.filter((r) => r.path.startsWith("/redirected"))).toEqual([]);
    await expectHealthyAfter();
  });
});

describe("provider going silent mid-stream", () => {
  it("ends the stream with an error event once streamIdleTimeoutMs passes, and hangs up on the provider", async () => {
    const closedBefore = stalledStreams.closed();
    const answer = await call({ path: "/v1/chat/completions", model: "gpt-fast-stall", stream: true, content: "then nothing" });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"role":"assistant"'); // what came before the silence was relayed
    expect(answer.text).toMatch(/^data: \{"error":\{[^\n]*"code":"upstream_error"/m);
    expect(answer.text).not.toContain("[DONE]");
    expect(answer.ms).toBeGreaterThanOrEqual(IDLE_MS - 20);
    expect(answer.ms).toBeLessThan(IDLE_MS + SLACK_MS);
    await gateway.auditMatches();
    expect(lastAudit()).toMatchObject({ streamOutcome: "upstream_error", upstreamAttempts: [expect.objectContaining({ status: 200, error: "stream_idle" })] });
    const deadline = Date.now() + 2_000;
    while (stalledStreams.closed() === closedBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(stalledStreams.closed()).toBe(closedBefore + 1);
    await expectHealthyAfter();
  });
});

describe("a whole answer that takes longer than connectTimeoutMs to generate", () => {
  it("is waited for (answerTimeoutMs), since providers send no header before it; a stream's headers are not", async () => {
    const whole = await call({ path: "/v1/chat/completions", model: "gpt-patient-slow-headers-800" });
    expect(whole.status).toBe(200);
    expect((tryJson(whole.text) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe("worth the wait");
    const streamed = await call({ path: "/v1/chat/completions", model: "gpt-patient-slow-headers-800", stream: true });
    await expectError(streamed, { path: "/v1/chat/completions", status: 504, code: "upstream_timeout" });
    await expectHealthyAfter();
  });
});

describe("slow first token", () => {
  it("answers 504 within the provider's timeout when there is no fallback (firstTokenTimeoutMs for a stream, answerTimeoutMs for a whole answer)", async () => {
    for (const stream of [true, false]) {
      const answer = await call({ path: "/v1/chat/completions", model: "gpt-fast-slow-first-3000", stream });
      await expectError(answer, { path: "/v1/chat/completions", status: 504, code: "upstream_timeout" });
      expect(answer.ms).toBeGreaterThanOrEqual(FIRST_TOKEN_MS - 20);
      expect(answer.ms).toBeLessThan(FIRST_TOKEN_MS + SLACK_MS);
    }
    await gateway.auditMatches();
    expect(lastAudit().upstreamAttempts).toEqual([expect.objectContaining({ provider: "fast", error: "timeout" })]);
    await expectHealthyAfter();
  });

  it("falls back to the next provider within firstTokenTimeoutMs and streams its whole answer", async () => {
    const answer = await call({ path: "/v1/chat/completions", model: "gpt-fb-slow-first-3000", stream: true, content: "from the backup" });
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(FIRST_TOKEN_MS + SLACK_MS);
    const text = answer.text
      .split("\n\n")
      .filter((event) => event.startsWith("data: {"))
      .map((event) => (JSON.parse(event.slice(6)) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? "")
      .join("");
    expect(text).toBe("Echo: from the backup");
    expect(answer.text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    await gateway.auditMatches();
    expect(lastAudit()).toMatchObject({ provider: "backup", status: 200 });
    await expectHealthyAfter();
  });
});

describe("connection reset", () => {
  it("before any byte: 502 in the route's envelope, the attempt audited as a network error", async () => {
    await expectError(await call({ path: "/v1/chat/completions", model: "gpt-fast-reset", stream: true }), { path: "/v1/chat/completions", status: 502, code: "upstream_error" });
    await gateway.auditMatches();
    expect(lastAudit().upstreamAttempts).toEqual([expect.objectContaining({ error: "network_error" })]);
    await expectError(await call({ path: "/v1/messages", model: "claude-x-reset" }), { path: "/v1/messages", status: 502 });
    await expectHealthyAfter();
  });

  it("mid-stream: the chunks already sent, then an SSE error event, never [DONE] / message_stop", async () => {
    const openai = await call({ path: "/v1/chat/completions", model: "gpt-x-drop", stream: true });
    expect(openai.status).toBe(200);
    expect(openai.text).toContain("chat.completion.chunk");
    expect(openai.text.trimEnd().split("\n\n").at(-1)).toMatch(/^data: \{"error":\{.*"code":"upstream_error"/);
    expect(openai.text).not.toContain("[DONE]");
    const responses = await call({ path: "/v1/responses", model: "gpt-x-drop", stream: true });
    expect(responses.text).toContain("event: response.created");
    expect(responses.text.trimEnd().split("\n\n").at(-1)).toMatch(/^event: error\ndata: \{"error":\{.*"code":"upstream_error"/);
    expect(responses.text).not.toContain("response.completed");
    const anthropic = await call({ path: "/v1/messages", model: "claude-x-drop", stream: true });
    expect(anthropic.text).toContain("message_start");
    expect(anthropic.text.trimEnd().split("\n\n").at(-1)).toMatch(/^event: error\ndata: /);
    expect(anthropic.text).not.toContain("message_stop");
    await gateway.auditMatches();
    expect(lastAudit()).toMatchObject({ status: 200, streamOutcome: "upstream_error" });
    await expectHealthyAfter();
  });
});

describe("all faults at once", () => {
  it("answers every one of 40 concurrent faulty requests with a 2xx-with-error-event or 5xx envelope, then serves on", async () => {
    const models = ["gpt-x-500", "gpt-x-ratelimited", "gpt-x-garbage", "gpt-fast-slow-first-3000", "gpt-fast-reset", "gpt-x-drop", "gpt-4o-mini", "gpt-fb-slow-first-3000"];
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => call({ path: "/v1/chat/completions", model: models[i % models.length], stream: i % 2 === 0 })));
    for (const [i, answer] of answers.entries()) {
      if (answer.status >= 500) expect(envelopeProblem({ dialect: "openai", body: tryJson(answer.text) }), `${models[i % models.length]}`).toBeNull();
      else expect(answer.status, models[i % models.length]).toBe(200);
    }
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(10); // the healthy and fallback ones
    await expectHealthyAfter();
  });
});
