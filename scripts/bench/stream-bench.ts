// Per-chunk cost of stream screening, measured side by side in one run on the same SSE bodies: plain pass-through
// (the upstream body read as it is), our SSE parser alone, the OpenAI SDK's line decoder (the "kept parser" candidate
// already in node_modules; eventsource-parser v3 is not installed and v4 needs Node 22), and the full screener
// (parse + rolling-window screen + re-serialise) with the regex fake screen and with the real PII+secret detectors.
// Deltas are the 5-20 character pieces real models stream. Runnable: `npx tsx scripts/bench/stream-bench.ts [--quick]`.
import { pathToFileURL } from "node:url";
import { _iterSSEMessages as sdkSse } from "openai/core/streaming";
import { responsesEvents } from "../../shared/providers/responses-wire";
import { anthropicMessagesSurface } from "../../shared/streaming/anthropic-messages-surface";
import { openAiChatSurface } from "../../shared/streaming/openai-chat-surface";
import { openAiResponsesSurface } from "../../shared/streaming/openai-responses-surface";
import type { ScreenFn } from "../../shared/streaming/screening-engine";
import { createSseParser } from "../../shared/streaming/sse-parser";
import { createStreamScreener, type StreamScreener } from "../../shared/streaming/stream-screener";
import type { StreamSurface } from "../../shared/streaming/surface";
import { anthropicEvents, chunkSource, fakeScreen, openAiEvents, writableSource } from "../../shared/streaming/test-fakes";

export interface Row {
  case: string;
  surface: string;
  chunks: number;
  /** Mean microseconds per upstream chunk (one SSE event per chunk), median of the rounds. */
  usPerChunk: number;
  /** Added over plain pass-through of the same bytes. */
  addedUsPerChunk: number;
}

const PROSE =
  "Sure! Here is a short overview of the release. The new version improves startup time, fixes the crash on " +
  "resume, and adds a dark theme. You can reach the team at help@example.org or call 415 555 2671 if anything " +
  "breaks. Order 48213 shipped yesterday and should arrive within five business days. Thanks for your patience, " +
  "and let me know whether you want the full changelog as a table or as a list. ";

/** The answer cut into 5-20 character deltas (deterministic pseudo-random sizes). */
function deltasOf(options: { chars: number }): string[] {
  let text = "";
  while (text.length < options.chars) text += PROSE;
  text = text.slice(0, options.chars);
  const deltas: string[] = [];
  let seed = 7;
  for (let at = 0; at < text.length; ) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = 5 + (seed % 16);
    deltas.push(text.slice(at, at + size));
    at += size;
  }
  return deltas;
}

/** A fresh upstream-like body of the given chunks. */
function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

async function pump(options: { chunks: Uint8Array[]; pair: Pick<StreamScreener, "relay"> }): Promise<void> {
  const reader = options.pair.relay(chunkSource({ chunks: [...options.chunks] })).getReader();
  while (!(await reader.read()).done);
}

/** Runs every case once per round, alternating, so machine noise hits all alike; median µs per chunk per case. */
async function alternate(options: { rounds: number; chunks: number; cases: { name: string; run: () => Promise<void> }[] }): Promise<number[]> {
  for (const c of options.cases) await c.run(); // warm-up: JIT, regex compilation
  const samples = options.cases.map((): number[] => []);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, c] of options.cases.entries()) {
      const started = performance.now();
      await c.run();
      samples[i].push(((performance.now() - started) * 1000) / options.chunks);
    }
  }
  return samples.map((list) => {
    list.sort((a, b) => a - b);
    return Math.round(list[Math.floor(list.length / 2)] * 10) / 10;
  });
}

async function realScreen(): Promise<ScreenFn | null> {
  try {
    const [{ DEFAULT_POLICY }, { createPiiDetector }, { createSecretDetector }, { screenText }] = await Promise.all([
      import("../../shared/policy/schema"),
      import("../../shared/screening/detectors/pii"),
      import("../../shared/screening/detectors/secret"),
      import("../../shared/screening/engine/screen-text"),
    ]);
    const detectors = [createPiiDetector(), createSecretDetector()];
    return async (text) => {
      const r = await screenText({ text, direction: "output", policy: DEFAULT_POLICY, detectors });
      return { action: r.action, spans: r.redactSpans, findings: r.findings };
    };
  } catch {
    return null; // the detectors are not there (yet): the row is skipped
  }
}

export async function benchStreamScreening(options: { quick?: boolean } = {}): Promise<Row[]> {
  const rounds = options.quick ? 5 : 21;
  const deltas = deltasOf({ chars: options.quick ? 2000 : 6000 });
  const encoder = new TextEncoder();
  const bodies: { surface: StreamSurface; chunks: Uint8Array[] }[] = [
    { surface: openAiChatSurface, chunks: openAiEvents({ deltas, usage: true }).map((e) => encoder.encode(e)) },
    { surface: anthropicMessagesSurface, chunks: anthropicEvents({ deltas }).map((e) => encoder.encode(e)) },
    {
      surface: openAiResponsesSurface,
      chunks: responsesEvents({ model: "gpt-4o-mini", chunks: deltas, usage: { input_tokens: 10, output_tokens: deltas.length } }).map((e) => encoder.encode(e)),
    },
  ];
  const real = await realScreen();
  const rows: Row[] = [];
  for (const { surface, chunks } of bodies) {
    const n = chunks.length;
    const cases: { name: string; run: () => Promise<void> }[] = [
      { name: "pass-through (the upstream body read as it is)", run: () => pump({ chunks, pair: { relay: (source) => source } }) },
      {
        name: "parse only: edgeguard SSE parser",
        run: async () => {
          let count = 0;
          const parser = createSseParser({ onEvent: () => count++ });
          for await (const chunk of streamOf(chunks)) parser.feed(chunk);
          parser.end();
          if (count === 0) throw new Error("parser saw nothing");
        },
      },
      {
        name: "parse only: openai SDK SSE decoder (_iterSSEMessages)",
        run: async () => {
          let count = 0;
          for await (const _ of sdkSse(new Response(streamOf(chunks)), new AbortController())) count++;
          if (count === 0) throw new Error("decoder saw nothing");
        },
      },
      { name: "screener, rolling, regex fake screen", run: () => pump({ chunks, pair: createStreamScreener({ surface, screen: fakeScreen }) }) },
      { name: "screener, buffer mode, regex fake screen", run: () => pump({ chunks, pair: createStreamScreener({ surface, screen: fakeScreen, mode: "buffer" }) }) },
    ];
    if (real) cases.push({ name: "screener, rolling, real PII+secret detectors", run: () => pump({ chunks, pair: createStreamScreener({ surface, screen: real }) }) });
    const medians = await alternate({ rounds, chunks: n, cases });
    const base = medians[0];
    cases.forEach((c, i) => {
      rows.push({ case: c.name, surface: surface.id, chunks: n, usPerChunk: medians[i], addedUsPerChunk: Math.round((medians[i] - base) * 10) / 10 });
    });
  }
  return rows;
}

/**
 * Time from the first content delta entering the screener to the first content byte leaving it, for the deltas
 * "Sure", "! Here", " is the" arriving back to back. With holdWords "all" the first text leaves when " is the"
 * arrives (one delta of hold-back: with a real model, one inter-token gap); with "suspicious" it leaves at once.
 */
export async function benchFirstRelease(options: { holdWords: "all" | "suspicious" }): Promise<{ holdWords: string; firstReleaseUs: number; deltasBeforeRelease: number }> {
  const encoder = new TextEncoder();
  const samples: number[] = [];
  let deltasBeforeRelease = 0;
  for (let i = 0; i < 200; i++) {
    const chunks = openAiEvents({ deltas: ["Sure", "! Here", " is the"] }).map((e) => encoder.encode(e));
    const pair = createStreamScreener({ surface: openAiChatSurface, screen: fakeScreen, holdWords: options.holdWords });
    const { source, writer } = writableSource();
    const reader = pair.relay(source).getReader();
    await writer.write(chunks[0]); // role chunk
    await reader.read();
    const started = performance.now();
    let written = 0;
    const first = reader.read();
    let got = false;
    void first.then(() => (got = true));
    while (!got && written < 3) {
      await writer.write(chunks[1 + written++]);
      for (let tick = 0; tick < 4; tick++) await null; // output is enqueued before write() resolves: microtasks suffice
    }
    await first;
    samples.push((performance.now() - started) * 1000);
    deltasBeforeRelease = written;
    await reader.cancel();
  }
  samples.sort((a, b) => a - b);
  return { holdWords: options.holdWords, firstReleaseUs: Math.round(samples[100]), deltasBeforeRelease };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const quick = process.argv.includes("--quick");
  const rows = await benchStreamScreening({ quick });
  console.log("| case | surface | chunks | us/chunk | added us/chunk |\n|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.case} | ${r.surface} | ${r.chunks} | ${r.usPerChunk} | ${r.addedUsPerChunk} |`);
  for (const holdWords of ["all", "suspicious"] as const) {
    const first = await benchFirstRelease({ holdWords });
    console.log(`first release (holdWords ${holdWords}): ${first.firstReleaseUs} us in-process, after ${first.deltasBeforeRelease} content delta(s)`);
  }
}
