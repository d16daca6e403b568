// Load drivers shared by load.test.ts (short) and `npm run test:chaos` (long): many concurrent streams whose text is
// checked chunk by chunk against what the fake provider sent, many small requests at bounded concurrency, and the
// heap measured after a forced GC.
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { fakeAnswerFor } from "../support/fake-provider";

export interface StreamRound {
  streams: number;
  completed: number;
  /** Streams that ended without [DONE] or whose text differs from the provider's answer (must be 0). */
  lost: number;
  failures: string[];
  ms: number;
}

/** Content a stream asks for; plain words, so no detector ever blocks or redacts it. */
const streamPrompt = (round: number, i: number) => `Please repeat after me: round ${round} stream ${i} is here and well.`;

async function oneStream(options: { url: string; key: string; content: string }): Promise<string | null> {
  const response = await fetch(`${options.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: options.content }] }),
  });
  if (response.status !== 200) return `status ${response.status}`;
  const raw = await response.text();
  const events = raw.split("\n\n").filter((event) => event.trim());
  if (events.at(-1) !== "data: [DONE]") return `no [DONE]: …${raw.slice(-120)}`;
  const text = events
    .slice(0, -1)
    .map((event) => (JSON.parse(event.slice("data: ".length)) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? "")
    .join("");
  const expected = fakeAnswerFor({ messages: [{ role: "user", content: options.content }] });
  return text === expected ? null : `text ${JSON.stringify(text)} != ${JSON.stringify(expected)}`;
}

export async function runConcurrentStreams(options: { url: string; key: string; streams: number; round?: number }): Promise<StreamRound> {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: options.streams }, (_, i) => oneStream({ url: options.url, key: options.key, content: streamPrompt(options.round ?? 0, i) }).catch((error) => `threw ${String(error)}`)),
  );
  const failures = results.filter((r): r is string => r !== null);
  return { streams: options.streams, completed: results.length - failures.length, lost: failures.length, failures: failures.slice(0, 5), ms: performance.now() - started };
}

export interface RequestRun {
  requests: number;
  ok: number;
  lost: number;
  failures: string[];
  ms: number;
}

/** `requests` small non-streamed chats, `concurrency` in flight at a time; each answer's text is checked. */
export async function runSmallRequests(options: { url: string; key: string; requests: number; concurrency: number }): Promise<RequestRun> {
  const started = performance.now();
  let next = 0;
  let ok = 0;
  const failures: string[] = [];
  const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "A short question about the weather." }] });
  async function worker() {
    while (next < options.requests) {
      next++;
      try {
        const response = await fetch(`${options.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${options.key}`, "content-type": "application/json" }, body });
        const json = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
        if (response.status === 200 && json.choices?.[0]?.message?.content === "Echo: A short question about the weather.") ok++;
        else if (failures.length < 5) failures.push(`status ${response.status}`);
      } catch (error) {
        if (failures.length < 5) failures.push(String(error));
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { requests: options.requests, ok, lost: options.requests - ok, failures, ms: performance.now() - started };
}

/** global.gc, exposed at run time when the process was not started with --expose-gc (vitest workers). */
export function forcedGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** heapUsed after collecting garbage a few times (one pass can leave weak/finalizer work behind). */
export async function settledHeapBytes(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}
