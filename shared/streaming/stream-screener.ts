// Wires the screening engine between an upstream SSE body and the client: a writable side that takes upstream
// bytes, a readable side the client reads, backpressure between them, and the outcome for the audit record.
// Blocking, upstream failure and client disconnect all end here (error event, cancelUpstream, outcome).
import { MAX_ANSWER_BYTES } from "../providers/answer-limit";
import type { Action, Finding } from "../screening/types";
import type { RedactFn, RestoreFn } from "./channel-window";
import { DEFAULT_HOLD_BACK_LIMITS } from "./hold-back";
import { ScreeningEngine, type ScreenFn, type ScreenerEvent, type StreamEnd } from "./screening-engine";
import { createSseParser, SseEventTooLarge, type SseEvent } from "./sse-parser";
import { serialiseSseComment, serialiseSseEvent } from "./sse-serialiser";
import type { StreamSurface, StreamUsage } from "./surface";

export interface StreamScreenerOptions {
  surface: StreamSurface;
  screen: ScreenFn;
  /** Puts back the originals of placeholders redacted from the prompt (the redaction vault's restore). */
  restore?: RestoreFn;
  /** The placeholder for one detected span; default `[REDACTED]`. */
  redact?: RedactFn;
  /** "rolling" (default) releases text as soon as it is safe; "buffer" screens the whole answer before any of it. */
  mode?: "rolling" | "buffer";
  /** Buffer mode: most characters of event data held (default MAX_ANSWER_BYTES); past it the answer is stopped. */
  maxBufferedChars?: number;
  /** Longest single upstream event (default MAX_ANSWER_BYTES); past it the stream fails as an upstream error. */
  maxEventChars?: number;
  /** Most characters held for an unfinished word or digit run (default 256). */
  holdBackLimit?: number;
  /** Most characters held for an open PEM block or a token that starts like a key (default 4096). */
  blockHoldBackLimit?: number;
  /** Which unfinished words to hold: "all" (default, strict) or "suspicious" (plain words go out at once). */
  holdWords?: "all" | "suspicious";
  /** Already-released characters screened again with new text, for patterns across the boundary (default 128:
   * enough for `api_key = "…"` assignments and short phrases; every screen call costs in proportion to it). */
  contextChars?: number;
  /** Drop OpenAI's usage-only chunk (the gateway asked for usage, the client did not); usage is still recorded. */
  hideUsageChunk?: boolean;
  /** Stops the upstream request (e.g. aborts its fetch) when the answer is blocked or the client goes away. */
  cancelUpstream?: (reason: StreamEnd) => void;
  onEvent?: (event: ScreenerEvent) => void;
}

export interface StreamOutcome {
  /** Strictest action any screen of this answer asked for ("block" when it was stopped). */
  action: Action;
  findings: Finding[];
  /** Characters of upstream text released to the client (before redaction). */
  releasedChars: number;
  /** Most characters held back at once in one channel. */
  heldBackMax: number;
  blocked: boolean;
  /** The answer reached the client whole, with its normal end. */
  completed: boolean;
  end: StreamEnd;
  usage?: StreamUsage;
}

export interface StreamScreener {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  /** Settles once the stream has ended, whichever way. Never rejects. */
  outcome: Promise<StreamOutcome>;
}

export function createStreamScreener(options: StreamScreenerOptions): StreamScreener {
  const encoder = new TextEncoder();
  let output = "";
  const engine = new ScreeningEngine({
    surface: options.surface,
    screen: options.screen,
    restore: options.restore,
    redact: options.redact,
    mode: options.mode ?? "rolling",
    maxBufferedChars: options.maxBufferedChars ?? MAX_ANSWER_BYTES,
    limits: {
      holdBackLimit: options.holdBackLimit ?? DEFAULT_HOLD_BACK_LIMITS.holdBackLimit,
      blockHoldBackLimit: options.blockHoldBackLimit ?? DEFAULT_HOLD_BACK_LIMITS.blockHoldBackLimit,
      holdWords: options.holdWords ?? "all",
    },
    contextChars: options.contextChars ?? 128,
    hideUsageChunk: options.hideUsageChunk ?? false,
    emit: (event) => {
      output += serialiseSseEvent(event);
    },
    onEvent: options.onEvent,
  });

  const parsed: SseEvent[] = [];
  const parser = createSseParser({
    maxEventChars: options.maxEventChars,
    onEvent: (event) => parsed.push(event),
    // Keep-alive comments go straight out: they carry no text, and they keep the client connected while we hold.
    onComment: (text) => {
      output += serialiseSseComment(text);
    },
  });

  let readableController!: ReadableStreamDefaultController<Uint8Array>;
  let writableController!: WritableStreamDefaultController;
  let wakeWriter: (() => void) | null = null;
  let settled = false;
  let resolveOutcome!: (outcome: StreamOutcome) => void;
  const outcome = new Promise<StreamOutcome>((resolve) => (resolveOutcome = resolve));

  function flushOutput(): void {
    if (output.length === 0 || settled) return;
    readableController.enqueue(encoder.encode(output));
    output = "";
  }

  /** Ends both sides once the engine has ended; idempotent. */
  function settle(): void {
    if (settled || !engine.ended) return;
    flushOutput();
    settled = true;
    const end = engine.ended;
    if (end !== "client_cancelled") readableController.close();
    if (end === "blocked" || end === "screen_error" || end === "client_cancelled") {
      options.cancelUpstream?.(end);
      // Erroring our writable makes a pipe from the upstream body cancel that body.
      writableController.error(new Error(`edgeguard: stream ended (${end})`));
    }
    wakeWriter?.();
    resolveOutcome({
      action: engine.action,
      findings: engine.ledger.list(),
      releasedChars: engine.releasedChars,
      heldBackMax: engine.heldBackMax,
      blocked: end === "blocked" || end === "screen_error",
      completed: end === "completed",
      end,
      ...(engine.usage ? { usage: engine.usage } : {}),
    });
  }

  async function processParsed(): Promise<void> {
    while (parsed.length > 0 && !engine.ended) await engine.handle(parsed.shift()!);
    parsed.length = 0;
    flushOutput();
    settle();
  }

  const readable = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        readableController = controller;
      },
      pull() {
        wakeWriter?.();
      },
      cancel() {
        engine.clientCancelled();
        settle();
      },
    },
    { highWaterMark: 8 },
  );

  const writable = new WritableStream<Uint8Array>({
    start(controller) {
      writableController = controller;
    },
    async write(chunk) {
      if (settled) return;
      try {
        parser.feed(chunk);
      } catch (error) {
        if (!(error instanceof SseEventTooLarge)) throw error;
        // An event that never ends is not held: what was parsed goes through screening, then the stream fails.
        await processParsed();
        engine.upstreamFailed();
        settle();
        return;
      }
      await processParsed();
      // Backpressure: do not take more upstream bytes while the client is not reading.
      while (!settled && (readableController.desiredSize ?? 1) <= 0) {
        await new Promise<void>((resolve) => (wakeWriter = resolve));
        wakeWriter = null;
      }
    },
    async close() {
      if (settled) return;
      parser.end();
      await processParsed();
      engine.upstreamFailed(); // no terminal event was seen (a no-op when the engine already ended)
      settle();
    },
    abort() {
      if (settled) return;
      engine.upstreamFailed();
      settle();
    },
  });

  return { readable, writable, outcome };
}
