// Retry, Retry-After, fallback and timeouts, with a scripted fetch and an injected sleep (no real waiting).
import { describe, expect, it } from "vitest";
import { providersSchema } from "../config/schema";
import { parseValid } from "../validation/validate";
import { forwardWithFallback } from "./forward";
import { openAiAdapter } from "./openai-family";
import { ConnectTimeout, type UpstreamInit } from "./upstream-init";
import type { ResolvedProvider } from "./types";

function candidate(name: string, script: Array<() => Response | Promise<Response>>, extra: object = {}): ResolvedProvider & { calls: number } {
  const config = parseValid(providersSchema, { [name]: { type: "openai", baseUrl: `https://${name}/v1`, apiKey: "k", maxRetries: 2, connectTimeoutMs: 50, firstTokenTimeoutMs: 50, answerTimeoutMs: 50, ...extra } })[name];
  const state = { calls: 0 };
  const fetchScripted = (async () => script[Math.min(state.calls++, script.length - 1)]()) as unknown as typeof fetch;
  return Object.assign(state, { name, config, adapter: { ...openAiAdapter, fetch: fetchScripted } });
}

const ok = () => new Response(JSON.stringify({ ok: true }), { status: 200 });
const fail = (status: number, headers: Record<string, string> = {}) => () => new Response("{}", { status, headers });
const never = () => new Promise<Response>(() => undefined);

async function forward(candidates: ResolvedProvider[], sleeps: number[] = [], extra: { maxAnswerBytes?: number } = {}) {
  return forwardWithFallback({
    candidates, surface: "chat", model: "m", body: { model: "m" }, stream: false, passHeaders: {},
    signal: new AbortController().signal, sleep: async (ms) => void sleeps.push(ms), backoffBaseMs: 100, ...extra,
  });
}

describe("forwardWithFallback", () => {
  it("retries 5xx with exponential backoff, then succeeds", async () => {
    const sleeps: number[] = [];
    const a = candidate("a", [fail(500), fail(502), ok]);
    const result = await forward([a], sleeps);
    expect(result.ok && result.status).toBe(200);
    expect(a.calls).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it("honours a short Retry-After and skips a provider asking for a long one", async () => {
    const sleeps: number[] = [];
    const a = candidate("a", [fail(429, { "retry-after": "1" }), ok]);
    expect((await forward([a], sleeps)).ok).toBe(true);
    expect(sleeps).toEqual([1000]);
    const slow = candidate("slow", [fail(429, { "retry-after": "120" })]);
    const b = candidate("b", [ok]);
    const result = await forward([slow, b]);
    expect(result.ok && result.provider).toBe("b");
    expect(slow.calls).toBe(1);
  });

  it("passes a non-retryable 4xx straight back without retrying", async () => {
    const a = candidate("a", [fail(400)]);
    const result = await forward([a]);
    expect(result.ok && result.status).toBe(400);
    expect(a.calls).toBe(1);
  });

  it("answers 504 when every attempt timed out and 502 when some failed otherwise", async () => {
    const hanging = candidate("h", [never], { maxRetries: 1 });
    const timedOut = await forward([hanging]);
    expect(timedOut).toMatchObject({ ok: false, status: 504, reason: "timeout" });
    expect(hanging.calls).toBe(2);
    const mixed = await forward([candidate("h2", [never], { maxRetries: 0 }), candidate("d", [fail(503)], { maxRetries: 0 })]);
    expect(mixed).toMatchObject({ ok: false, status: 502 });
  });

  it("refuses an answer whose declared length is over the limit before reading it, and falls back", async () => {
    const huge = () => new Response("x".repeat(2_000), { status: 200, headers: { "content-length": "2000" } });
    const a = candidate("a", [huge], { maxRetries: 0 });
    const b = candidate("b", [ok]);
    const result = await forward([a, b], [], { maxAnswerBytes: 1_000 });
    expect(result.ok && result.provider).toBe("b");
    expect(result.attempts[0]).toMatchObject({ provider: "a", error: "answer_too_large" });
    const alone = await forward([candidate("c", [huge], { maxRetries: 0 })], [], { maxAnswerBytes: 1_000 });
    expect(alone).toMatchObject({ ok: false, status: 502, reason: "upstream_error" });
    expect((await forward([candidate("d", [huge], { maxRetries: 0 })], [], { maxAnswerBytes: 2_000 })).ok).toBe(true);
  });

  it("gives up a body without a declared length once it passes the limit, without reading the rest", async () => {
    let chunksPulled = 0;
    let cancelled = false;
    const endless = () => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          chunksPulled++;
          // 400 KB in all: enough to show whether it was read to the end, not enough to exhaust a test worker.
          if (chunksPulled > 1_000) controller.close();
          else controller.enqueue(new TextEncoder().encode("x".repeat(400)));
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { status: 200 });
    };
    const result = await forward([candidate("a", [endless], { maxRetries: 0 }), candidate("b", [ok])], [], { maxAnswerBytes: 1_000 });
    expect(result.ok && result.provider).toBe("b");
    expect(result.attempts[0]).toMatchObject({ provider: "a", error: "answer_too_large" });
    expect(cancelled).toBe(true);
    expect(chunksPulled).toBeLessThan(6);
  });

  it("reads a body without a declared length whole when it is within the limit, multi-byte characters split across chunks included", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ answer: "héllo wörld — 日本語 👋".repeat(20) }));
    const chunked = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
            controller.close();
          },
        }),
        { status: 200 },
      );
    const result = await forward([candidate("a", [chunked], { maxRetries: 0 })], [], { maxAnswerBytes: bytes.length });
    expect(result.ok && result.text).toBe(new TextDecoder().decode(bytes));
  });

  it("does not trust a declared length when the runtime decompresses the body", async () => {
    const inflated = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("y".repeat(500)));
            controller.close();
          },
        }),
        { status: 200, headers: { "content-length": "100", "content-encoding": "gzip" } },
      );
    const result = await forward([candidate("a", [inflated], { maxRetries: 0 })], [], { maxAnswerBytes: 1_000 });
    expect(result).toMatchObject({ ok: false, status: 502 });
    expect(result.attempts[0]).toMatchObject({ error: "answer_too_large" });
  });

  it("stops when the client goes away, mid-attempt or between retries, and says so instead of blaming the provider", async () => {
    const client = new AbortController();
    const options = { surface: "chat" as const, model: "m", body: { model: "m" }, stream: false, passHeaders: {}, signal: client.signal };
    // Mid-attempt: the provider has not answered when the client leaves; the attempt's fetch is aborted too.
    let attemptSignal: AbortSignal | undefined;
    const hanging = candidate("a", [never]);
    hanging.adapter = { ...hanging.adapter, fetch: ((_url: string, init: RequestInit) => {
      attemptSignal = init.signal!;
      hanging.calls++;
      return new Promise((_, reject) => init.signal!.addEventListener("abort", () => reject(new Error("aborted"))));
    }) as unknown as typeof fetch };
    const asked = forwardWithFallback({ ...options, candidates: [hanging, candidate("b", [ok])] });
    await new Promise((r) => setTimeout(r, 5));
    client.abort();
    const result = await asked;
    expect(result).toMatchObject({ ok: false, status: 499, reason: "client_disconnected" });
    expect(result.attempts).toEqual([expect.objectContaining({ provider: "a", error: "client_disconnected" })]);
    expect(attemptSignal?.aborted).toBe(true);
    expect(hanging.calls).toBe(1); // no retry, no fallback for nobody
    // Already gone before the first attempt: nothing is sent.
    const untouched = candidate("c", [ok]);
    const early = await forwardWithFallback({ ...options, candidates: [untouched] });
    expect(early).toMatchObject({ ok: false, status: 499, attempts: [] });
    expect(untouched.calls).toBe(0);
  });

  it("gives a whole answer answerTimeoutMs, not connectTimeoutMs (its headers come when it is generated); a stream's headers get connectTimeoutMs", async () => {
    const generating = () => new Promise<Response>((resolve) => setTimeout(() => resolve(ok()), 120));
    const whole = candidate("a", [generating], { maxRetries: 0, connectTimeoutMs: 50, answerTimeoutMs: 1_000 });
    expect(await forward([whole])).toMatchObject({ ok: true, status: 200 });
    const streamed = candidate("b", [generating], { maxRetries: 0, connectTimeoutMs: 50, answerTimeoutMs: 1_000 });
    const result = await forwardWithFallback({
      candidates: [streamed], surface: "chat", model: "m", body: { model: "m" }, stream: true, passHeaders: {}, signal: new AbortController().signal,
    });
    expect(result).toMatchObject({ ok: false, status: 504, reason: "timeout" });
  });

  it("counts a connection never established (the Node fetch's ConnectTimeout) as a timeout, and passes the limit on", async () => {
    let passed: unknown;
    const unreachable = candidate("a", [() => Promise.reject(new ConnectTimeout("no connection"))], { maxRetries: 0, connectTimeoutMs: 75 });
    const inner = unreachable.adapter.fetch!;
    unreachable.adapter = { ...unreachable.adapter, fetch: ((url: string, init: UpstreamInit) => ((passed = init.connectTimeoutMs), inner(url, init))) as unknown as typeof fetch };
    expect(await forward([unreachable])).toMatchObject({ ok: false, status: 504, attempts: [{ provider: "a", error: "timeout" }] });
    expect(passed).toBe(75);
  });
});
