// Calls the candidates of a route in order: per-attempt timeouts (a stream's headers and first chunk, or a whole
// answer), retries with backoff on 429 / 5xx / network errors (honouring Retry-After), then the next provider; a
// redirect is never followed. All of it happens before the client has received a byte; once a response is returned
// the caller owns it and nothing is retried.
import { AnswerTooLarge, MAX_ANSWER_BYTES, readAnswerText } from "./answer-limit";
import { resumeStream } from "./resumed-stream";
import { ConnectTimeout, type UpstreamInit } from "./upstream-init";
import type { ResolvedProvider, Surface } from "./types";

export interface ForwardAttempt {
  provider: string;
  status?: number;
  /** stream_idle: set later, when a relayed stream went silent (the audit record is written after the stream). */
  error?: "timeout" | "network_error" | "answer_too_large" | "redirect" | "client_disconnected" | "stream_idle";
  ms: number;
}

export type ForwardResult =
  | {
      ok: true;
      provider: string;
      status: number;
      headers: Headers;
      /** Whole body for non-streamed calls and for provider errors passed back to the client. */
      text?: string;
      /** The relayed stream; the first chunk has already arrived (so a slow first token could still be retried). */
      stream?: ReadableStream<Uint8Array>;
      attempts: ForwardAttempt[];
      firstByteMs: number;
    }
  | { ok: false; status: 502 | 504; reason: "timeout" | "upstream_error"; attempts: ForwardAttempt[] }
  // The client went away: not the provider's failure, so not a 502 in the audit (nobody reads the answer).
  | { ok: false; status: 499; reason: "client_disconnected"; attempts: ForwardAttempt[] };

export interface ForwardOptions {
  candidates: ResolvedProvider[];
  surface: Surface;
  model: string;
  body: Record<string, unknown>;
  stream: boolean;
  /** Client headers from the allowlist; provider credentials are added by the adapter, never taken from the caller. */
  passHeaders: Record<string, string>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** The network; the runtime's fetch unless the host injects a faster one (Node). An adapter's own fetch wins. */
  fetch?: typeof fetch;
  /** Longest Retry-After we wait for before moving on to the next provider. */
  maxRetryAfterMs?: number;
  backoffBaseMs?: number;
  /** Largest whole answer read (answer-limit.ts). Streams are relayed, not held, so they are not bounded here. */
  maxAnswerBytes?: number;
}

const RETRYABLE_STATUS = (status: number) => status === 429 || status === 408 || status >= 500;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after-ms") ?? headers.get("retry-after");
  if (!value) return undefined;
  if (headers.has("retry-after-ms")) return Number(value);
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

class AttemptTimeout extends Error {}

/** Aborts `controller` (with the parent's reason) when `parent` aborts; returns the unlink. */
function abortWith(options: { parent: AbortSignal; controller: AbortController }): () => void {
  const { parent, controller } = options;
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener("abort", onAbort, { once: true });
  return () => parent.removeEventListener("abort", onAbort);
}

/** Races a promise against a timer that also aborts the attempt. */
async function withTimeout<T>(options: { promise: Promise<T>; ms: number; controller: AbortController }): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      options.controller.abort(new AttemptTimeout());
      reject(new AttemptTimeout());
    }, options.ms);
  });
  try {
    return await Promise.race([options.promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function clientGone(attempts: ForwardAttempt[]): ForwardResult {
  return { ok: false, status: 499, reason: "client_disconnected", attempts };
}

export async function forwardWithFallback(options: ForwardOptions): Promise<ForwardResult> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => performance.now());
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5_000;
  const backoffBaseMs = options.backoffBaseMs ?? 250;
  const maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  const attempts: ForwardAttempt[] = [];
  let sawTimeoutOnly = true;

  for (const provider of options.candidates) {
    const { config, adapter } = provider;
    for (let retry = 0; retry <= config.maxRetries; retry++) {
      if (options.signal.aborted) return clientGone(attempts);
      const call = adapter.buildCall({ surface: options.surface, model: options.model, body: options.body, config });
      const controller = new AbortController();
      // The client going away aborts the attempt. A listener instead of AbortSignal.any: that builds a composite
      // signal per attempt (transferable, GC-tracked sources), measurable on every request. Kept for a relayed stream.
      const unlink = abortWith({ parent: options.signal, controller });
      let keepLink = false;
      const signal = controller.signal;
      const started = now();
      let waitMs = backoffBaseMs * 2 ** retry;
      // A stream's headers come at once. A whole answer's come only when it is ready: its clock is the whole answer's.
      const headersWithinMs = options.stream ? config.connectTimeoutMs : config.answerTimeoutMs;
      try {
        const init: UpstreamInit = {
          method: "POST",
          // Object.assign: a spread copy gaining the adapter's headers costs ~1 µs a header on Node 20 (names are
          // ours: the passed-through ones come from a fixed list).
          headers: Object.assign({}, options.passHeaders, call.headers),
          body: call.body,
          signal,
          // Never followed: a redirect would send the prompt (and our provider key) somewhere the operator's
          // config does not name. Node's upstream fetch never follows; Workers' fetch would by default.
          redirect: "manual",
          connectTimeoutMs: config.connectTimeoutMs,
        };
        const response = await withTimeout({
          promise: (adapter.fetch ?? options.fetch ?? fetch)(call.url, init),
          ms: headersWithinMs,
          controller,
        });
        if (RETRYABLE_STATUS(response.status)) {
          attempts.push({ provider: provider.name, status: response.status, ms: now() - started });
          sawTimeoutOnly = false;
          await response.body?.cancel().catch(() => undefined);
          const hinted = retryAfterMs(response.headers);
          if (hinted !== undefined) {
            if (hinted > maxRetryAfterMs) break; // this provider asks us to stay away longer: next provider
            waitMs = hinted;
          }
          if (retry < config.maxRetries) await sleep(waitMs);
          continue;
        }
        if (response.status >= 300 && response.status < 400) {
          attempts.push({ provider: provider.name, status: response.status, error: "redirect", ms: now() - started });
          sawTimeoutOnly = false;
          await response.body?.cancel().catch(() => undefined);
          break; // a misconfigured base URL, not a passing fault: the next provider, no retry
        }
        const firstByteMs = now() - started;
        const isStream = options.stream && response.ok && response.body !== null;
        if (!isStream) {
          const read = readAnswerText({ response, maxBytes: maxAnswerBytes });
          const readWithinMs = options.stream ? config.firstTokenTimeoutMs : Math.max(1, config.answerTimeoutMs - (now() - started));
          const text = await withTimeout({ promise: read, ms: readWithinMs, controller });
          attempts.push({ provider: provider.name, status: response.status, ms: now() - started });
          return { ok: true, provider: provider.name, status: response.status, headers: response.headers, text, attempts, firstByteMs };
        }
        const reader = response.body!.getReader();
        const first = await withTimeout({ promise: reader.read(), ms: config.firstTokenTimeoutMs, controller });
        const attempt: ForwardAttempt = { provider: provider.name, status: response.status, ms: now() - started };
        attempts.push(attempt);
        const stream = first.done
          ? new ReadableStream<Uint8Array>({ start: (c) => c.close() })
          : resumeStream({ first: first.value, reader, controller, idleMs: config.streamIdleTimeoutMs, onIdle: () => (attempt.error = "stream_idle") });
        keepLink = true;
        return { ok: true, provider: provider.name, status: response.status, headers: response.headers, stream, attempts, firstByteMs };
      } catch (error) {
        if (options.signal.aborted) {
          attempts.push({ provider: provider.name, error: "client_disconnected", ms: now() - started });
          return clientGone(attempts);
        }
        const timedOut = error instanceof AttemptTimeout || error instanceof ConnectTimeout || controller.signal.reason instanceof AttemptTimeout;
        const kind = timedOut ? "timeout" : error instanceof AnswerTooLarge ? "answer_too_large" : "network_error";
        attempts.push({ provider: provider.name, error: kind, ms: now() - started });
        if (!timedOut) sawTimeoutOnly = false;
        controller.abort();
        if (retry < config.maxRetries) await sleep(waitMs);
      } finally {
        if (!keepLink) unlink();
      }
    }
  }
  const status = sawTimeoutOnly && attempts.length > 0 ? 504 : 502;
  return { ok: false, status, reason: status === 504 ? "timeout" : "upstream_error", attempts };
}
