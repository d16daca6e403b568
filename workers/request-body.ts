// Reads a request's whole body, bounded in size and in time, on both runtimes: on Node straight from the socket
// stream (request-io.ts), elsewhere from the web Request. Failures are typed, and answered here in the route's
// envelope: too large 413, too slow 408 (both closing the connection, so the rest is not waited for), broken off
// (the client left, or its chunked encoding broke) 499 `body_incomplete` in the audit, since nobody is left to tell.
import type { Context } from "hono";
import type { IncomingMessage } from "node:http";
import type { AppEnv } from "./app-env";
import { nodeIncoming } from "./request-io";
import { respondError } from "./respond-error";

/** The body did not arrive whole within the deadline. */
export class BodyTimeout extends Error {
  override name = "BodyTimeout";
}

/** The body passed the size limit while it was read (no declared length said so beforehand). */
export class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

export interface BodyBounds {
  timeoutMs?: number;
  maxBytes?: number;
}

/** The whole body: the one the body-limit middleware already read, or read now within `bounds`. */
export function requestBytes(c: Context<AppEnv>, bounds: BodyBounds = {}): Promise<ArrayBuffer | Uint8Array> {
  const buffered = c.get("bodyBytes");
  if (buffered) return Promise.resolve(buffered);
  const incoming = nodeIncoming(c);
  if (incoming) return readIncoming(incoming, bounds);
  if (bounds.timeoutMs === undefined && bounds.maxBytes === undefined) return c.req.arrayBuffer();
  const body = c.req.raw.body;
  return body ? readWebBody(body, bounds) : Promise.resolve(new Uint8Array(0));
}

/** The answer to a body that could not be read, in the route's envelope. */
export function bodyFailureResponse(c: Context<AppEnv>, error: unknown): Response {
  if (error instanceof BodyTooLarge || error instanceof BodyTimeout) {
    const reason = error instanceof BodyTooLarge ? "request_too_large" : "request_timeout";
    return respondError(c, { reason, message: error.message }, { connection: "close" });
  }
  c.get("audit").reason = "body_incomplete";
  return new Response(null, { status: 499 });
}

const bodyTimeout = (ms: number) => new BodyTimeout(`The request body did not arrive within ${ms} ms.`);
/** The 413's message, whether the size was declared or counted. */
export const tooLargeMessage = (maxBytes: number) => `Request body exceeds ${maxBytes} bytes.`;
const bodyTooLarge = (maxBytes: number) => new BodyTooLarge(tooLargeMessage(maxBytes));

function readIncoming(incoming: IncomingMessage, bounds: BodyBounds): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) return resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      incoming.removeListener("data", onData); // the rest flows to nowhere; the answer closes the connection
      reject(error);
    };
    const timer = bounds.timeoutMs === undefined ? undefined : setTimeout(() => finish(bodyTimeout(bounds.timeoutMs!)), bounds.timeoutMs);
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (bounds.maxBytes !== undefined && received > bounds.maxBytes) finish(bodyTooLarge(bounds.maxBytes));
      else chunks.push(chunk);
    };
    incoming.on("data", onData);
    incoming.once("end", () => finish());
    incoming.once("error", (error) => finish(error));
    incoming.once("aborted", () => finish(new Error("request aborted")));
  });
}

async function readWebBody(body: ReadableStream<Uint8Array>, bounds: BodyBounds): Promise<Uint8Array> {
  const reader = body.getReader();
  let timedOut: BodyTimeout | undefined;
  const timer = bounds.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = bodyTimeout(bounds.timeoutMs!);
    void reader.cancel(timedOut).catch(() => undefined);
  }, bounds.timeoutMs);
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw timedOut;
      if (done) break;
      received += value.byteLength;
      if (bounds.maxBytes !== undefined && received > bounds.maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw bodyTooLarge(bounds.maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    throw timedOut ?? error;
  } finally {
    clearTimeout(timer);
  }
  const whole = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.length;
  }
  return whole;
}
