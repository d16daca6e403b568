// The runner against a tiny local fake gateway (node:http): Retry-After honoured (and shared by all workers),
// bounded retries, per-request timeouts, the concurrency limit, fatal answers, the model-route targets, and the
// progress bar.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedteamCase } from "../../redteam/case";
import { createProgressBar } from "../../redteam/progress-bar";
import { runSuite, type RunOptions } from "../../redteam/runner";
import { parseRetryAfter } from "../../redteam/targets";

let server: Server;
let url: string;
const seen: string[] = [];
const log: Array<{ text: string; at: number }> = [];
let inFlight = 0;
let maxInFlight = 0;
const once = new Set<string>();

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const text: string = body.text ?? body.messages?.[0]?.content ?? body.input?.[0]?.content ?? "";
    seen.push(text);
    log.push({ text, at: Date.now() });
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(payload));
    if (req.headers.authorization !== "Bearer good") return json(401, { error: { message: "bad key", type: "invalid_request_error", code: "invalid_api_key", param: null } });
    if (text.includes("hang")) return; // never answers
    if (text.includes("429once") && !once.has(text)) {
      once.add(text);
      return json(429, { error: { code: "rate_limit_exceeded" } }, { "retry-after": "1" });
    }
    if (text.includes("always429")) return json(429, { error: { code: "rate_limit_exceeded" } }, { "retry-after": "1" });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, text.includes("slow") ? 30 : 0));
    inFlight--;
    const attack = text.includes("attack");
    if (req.url === "/v1/chat/completions" || req.url === "/v1/responses") {
      if (attack) return json(400, { error: { message: "blocked", type: "guardrail_violation", code: "prompt_blocked", param: null } });
      // The prompt went through; the model's answer (here: an echo of it) was what the gateway stopped.
      if (text.includes("echoed")) return json(400, { error: { message: "stopped", type: "guardrail_violation", code: "output_blocked", param: null } });
      return json(200, { choices: [{ message: { content: "ok" } }] });
    }
    json(200, { action: attack ? "block" : "allow", findings: attack ? [{ detector: "fake", category: "prompt_injection", score: 0.9 }] : [], timings_ms: {} });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const attack = (id: string, text: string): RedteamCase => ({ id, text, category: "prompt_injection", direction: "input", technique: "plain" });
const benign = (id: string, text: string): RedteamCase => ({ id, text, category: null, direction: "input", technique: "plain" });

/** A fake clock: sleeping advances it instantly, and every wait is recorded. */
function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
}

const base = (): Omit<RunOptions, "cases"> => ({ target: url, key: "good", via: "guard" });

describe("runSuite: rate limits", () => {
  it("waits the Retry-After on a 429, pausing every worker, then retries and judges the case", async () => {
    // Real time here: the point is that the *other* worker also holds off until Retry-After (1 s) has passed.
    const cases = [attack("a", "attack 429once A"), ...Array.from({ length: 5 }, (_, i) => benign(`b${i}`, `hello slow ${i}`))];
    const from = log.length;
    const result = await runSuite({ ...base(), cases, concurrency: 2 });
    expect(result.outcomes.map((o) => o.status)).toEqual(cases.map(() => "done"));
    expect(result.outcomes[0]).toMatchObject({ action: "block", blocked: true });
    expect(result.rateLimitWaits).toBe(1);
    const received = log.slice(from);
    const [first, retry] = received.filter((r) => r.text === "attack 429once A");
    expect(retry.at - first.at).toBeGreaterThanOrEqual(950);
    // b0 was already in flight when the 429 came back; every later request waited for the pause to end.
    const later = received.filter((r) => r.text.startsWith("hello slow") && r.text !== "hello slow 0");
    expect(later).toHaveLength(4);
    for (const r of later) expect(r.at - first.at, r.text).toBeGreaterThanOrEqual(950);
  });

  it("gives up on a case after a bounded number of 429s and reports it as an error", async () => {
    const clock = fakeClock();
    const result = await runSuite({ ...base(), cases: [attack("x", "always429")], maxRateLimitRetries: 3, ...clock });
    expect(result.outcomes[0]).toMatchObject({ status: "error", reason: "still rate-limited after 3 waits" });
    expect(clock.waits.filter((w) => w === 1000)).toHaveLength(3);
  });

  it("caps a huge Retry-After at maxRetryAfterMs", async () => {
    const clock = fakeClock();
    await runSuite({ ...base(), cases: [attack("y", "always429")], maxRateLimitRetries: 1, maxRetryAfterMs: 300, ...clock });
    expect(clock.waits).toEqual([300]);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter({ value: "3", now: 0 })).toBe(3000);
    expect(parseRetryAfter({ value: new Date(10_000).toUTCString(), now: 4_000 })).toBe(6000);
    expect(parseRetryAfter({ value: "soon", now: 0 })).toBeUndefined();
    expect(parseRetryAfter({ value: null, now: 0 })).toBeUndefined();
  });
});

describe("runSuite: timeouts, concurrency, fatal answers", () => {
  it("times out a request that never answers and retries it a bounded number of times", async () => {
    const before = seen.length;
    const result = await runSuite({ ...base(), cases: [benign("h", "hang please")], timeoutMs: 100, maxAttempts: 2, sleep: async () => {} });
    expect(result.outcomes[0]).toMatchObject({ status: "error", reason: "no answer within 100 ms" });
    expect(seen.length - before).toBe(2);
    expect(result.retries).toBe(1);
  });

  it("never has more requests in flight than the concurrency limit", async () => {
    maxInFlight = 0;
    const cases = Array.from({ length: 12 }, (_, i) => benign(`c${i}`, `slow request ${i}`));
    const result = await runSuite({ ...base(), cases, concurrency: 3 });
    expect(result.outcomes).toHaveLength(12);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it("stops at a rejected key and reports it as fatal", async () => {
    const before = seen.length;
    const cases = Array.from({ length: 20 }, (_, i) => benign(`k${i}`, `hello ${i}`));
    const result = await runSuite({ ...base(), key: "bad", cases, concurrency: 2 });
    expect(result.fatal?.reason).toMatch(/rejected the key \(401\)/);
    expect(seen.length - before).toBeLessThanOrEqual(2);
  });

  it("reports an unreachable target", async () => {
    const result = await runSuite({ target: "http://127.0.0.1:1", key: "good", via: "guard", cases: [benign("u", "hi")], maxAttempts: 1 });
    expect(result.unreachable).toBe(true);
    expect(result.outcomes[0]).toMatchObject({ status: "error" });
  });
});

describe.each(["chat", "responses"] as const)("runSuite: %s target", (via) => {
  it("reads 400 prompt_blocked as blocked, 200 and 400 output_blocked as let through, and skips what it cannot show", async () => {
    const cases: RedteamCase[] = [
      attack("a", "attack now"),
      benign("b", "hello"),
      { id: "e", text: "harmful, echoed back", category: "harmful_request", direction: "input", technique: "plain" },
      { id: "o", text: "you idiot", category: "toxicity", direction: "output", technique: "plain" },
      { id: "p", text: "mail me at a@b.co", category: "pii", direction: "input", technique: "plain" },
    ];
    const result = await runSuite({ ...base(), via, cases });
    expect(result.outcomes.map((o) => (o.status === "done" ? o.action : o.status))).toEqual(["block", "allow", "allow", "skipped", "skipped"]);
  });
});

describe("createProgressBar", () => {
  it("writes nothing when stderr is not a terminal, and draws when it is", () => {
    const quiet: string[] = [];
    const bar = createProgressBar({ stream: { isTTY: false, write: (s: string) => quiet.push(s) }, total: 3 });
    bar.tick({ stopped: true, error: false });
    bar.done();
    expect(quiet).toEqual([]);
    const loud: string[] = [];
    const tty = createProgressBar({ stream: { isTTY: true, columns: 80, write: (s: string) => loud.push(s) }, total: 2 });
    tty.tick({ stopped: true, error: false });
    tty.tick({ stopped: false, error: true });
    expect(loud.at(-1)).toContain("2/2 blocked 1 errors 1");
  });
});
