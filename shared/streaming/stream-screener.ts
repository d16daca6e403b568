// Wires the screening engine between an upstream SSE body and the client: the client's stream pulls upstream bytes
// as it reads (backpressure without a second stream or a pipe), and the outcome goes to the audit record.
// Blocking, upstream failure and client disconnect all end here (error event, cancelUpstream, outcome).
import { MAX_ANSWER_BYTES } from "../providers/answer-limit";
import type { Action, Finding } from "../screening/types";
import type { RedactFn, RestoreFn } from "./channel-window";
import { DEFAULT_HOLD_BACK_LIMITS } from "./hold-back";
import { ScreeningEngine, type ScreenFn, type ScreenerEvent, type StreamEnd } from "./screening-engine";
import type { VerbatimForm } from "./text-forms";
import { createSseParser, type SseEvent } from "./sse-parser";
import { serialiseSseComment, serialiseSseEvent } from "./sse-serialiser";
import type { StreamSurface, StreamUsage } from "./surface";

export interface StreamScreenerOptions {
  surface: StreamSurface;
  screen: ScreenFn;
  /** Puts back the originals of placeholders redacted from the prompt (the redaction vault's restore). */
  restore?: RestoreFn;
  /** The placeholder for one detected span; default `[REDACTED]`. */
  redact?: RedactFn;
  /** A redaction in text that is never rewritten (signed thinking, tool-call JSON): "block" (default) or "flag". */
  verbatimText?: "flag" | "block";
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
  /** Report the answer's words as the client got them (StreamOutcome.deliveredTexts) when it completes. */
  keepDeliveredTexts?: boolean;
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
  /** Forms of never-rewritten text in which something the policy would redact was let through (verbatimText "flag"). */
  keptVerbatim: VerbatimForm[];
  blocked: boolean;
  /** The answer reached the client whole, with its normal end. */
  completed: boolean;
  end: StreamEnd;
  usage?: StreamUsage;
  /** With keepDeliveredTexts, once completed: each channel's words ("text" form) as released to the client. */
  deliveredTexts?: string[];
}

export interface StreamScreener {
  /**
   * The client's side of the stream: upstream bytes are read from `source` only as the client reads (backpressure),
   * screened and re-serialised. Call once. Cancelling it cancels `source`; so does a block.
   */
  relay(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array>;
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
    verbatimText: options.verbatimText ?? "block",
    mode: options.mode ?? "rolling",
    maxBufferedChars: options.maxBufferedChars ?? MAX_ANSWER_BYTES,
    limits: {
      holdBackLimit: options.holdBackLimit ?? DEFAULT_HOLD_BACK_LIMITS.holdBackLimit,
      blockHoldBackLimit: options.blockHoldBackLimit ?? DEFAULT_HOLD_BACK_LIMITS.blockHoldBackLimit,
      holdWords: options.holdWords ?? "all",
    },
    contextChars: options.contextChars ?? 128,
    hideUsageChunk: options.hideUsageChunk ?? false,
    keepReleasedTexts: options.keepDeliveredTexts,
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

  let client!: ReadableStreamDefaultController<Uint8Array>;
  let upstream: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let settled = false;
  let sentChunks = 0;
  let resolveOutcome!: (outcome: StreamOutcome) => void;
  const outcome = new Promise<StreamOutcome>((resolve) => (resolveOutcome = resolve));

  function flushOutput(): void {
    if (output.length === 0 || settled) return;
    client.enqueue(encoder.encode(output));
    output = "";
    sentChunks++;
  }

  /** Ends the client's side once the engine has ended; idempotent. */
  function settle(): void {
    if (settled || !engine.ended) return;
    flushOutput();
    settled = true;
    const end = engine.ended;
    if (end !== "client_cancelled") client.close();
    if (end === "blocked" || end === "screen_error" || end === "client_cancelled") {
      options.cancelUpstream?.(end);
      void upstream?.cancel(new Error(`edgeguard: stream ended (${end})`)).catch(() => undefined);
    } else if (end === "completed") {
      void drain(upstream); // what follows the terminal event is read and dropped, so the connection can be reused
    }
    resolveOutcome({
      action: engine.action,
      findings: engine.ledger.list(),
      releasedChars: engine.releasedChars,
      heldBackMax: engine.heldBackMax,
      keptVerbatim: [...engine.keptVerbatim],
      blocked: end === "blocked" || end === "screen_error",
      completed: end === "completed",
      end,
      ...(engine.usage ? { usage: engine.usage } : {}),
      ...(options.keepDeliveredTexts && end === "completed" ? { deliveredTexts: engine.releasedTexts?.readableTexts() ?? [] } : {}),
    });
  }

  async function processParsed(): Promise<void> {
    while (parsed.length > 0 && !engine.ended) await engine.handle(parsed.shift()!);
    parsed.length = 0;
    flushOutput();
    settle();
  }

  /** Reads upstream until something is ready for the client or the stream has ended. */
  async function pullUpstream(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const sentBefore = sentChunks;
    let closed = false;
    try {
      while (!settled && sentChunks === sentBefore) {
        const read = await reader.read();
        if (settled) return; // the client left while the read was pending
        if (read.done) {
          parser.end();
          await processParsed();
          closed = true;
          break;
        }
        parser.feed(read.value);
        await processParsed(); // held text sends nothing: then the loop reads on
      }
      if (!closed) return; // something went out, or the stream has ended
    } catch {
      // A failed read (connection reset), an event past the size bound, or a fault of ours: whatever was parsed is
      // screened, then the stream ends with the error event instead of hanging the client.
      await processParsed().catch(() => undefined);
    }
    engine.upstreamFailed(); // upstream ended without its terminal event (a no-op when the engine saw it)
    settle();
  }

  return {
    outcome,
    relay(source) {
      if (upstream) throw new Error("edgeguard: a stream screener relays one source");
      upstream = source.getReader();
      const reader = upstream;
      // No read-ahead (high-water mark 0): upstream is read only while the client waits, so a slow client slows the
      // provider through TCP instead of filling memory, and a provider's silence is timed only while someone waits.
      return new ReadableStream<Uint8Array>(
        {
          start(controller) {
            client = controller;
          },
          pull: () => pullUpstream(reader),
          cancel() {
            engine.clientCancelled();
            settle();
          },
        },
        { highWaterMark: 0 },
      );
    },
  };
}

/** What a provider may still send after its terminal event before the gateway stops reading and drops the call. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

/** Reads a finished upstream body to its end without keeping anything; a body that goes on is cancelled. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array> | undefined): Promise<void> {
  if (!reader) return;
  let bytes = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      bytes += read.value.byteLength;
      if (bytes > DRAIN_LIMIT_BYTES) {
        await reader.cancel(new Error("edgeguard: the provider kept sending after the end of its answer"));
        return;
      }
    }
  } catch {
    // the connection failed after the answer was complete: nothing is lost
  }
}
