// Upstream calls on Node through node:http(s) with a keep-alive agent. undici's fetch costs ~1.5 ms per call here
// against ~0.3 ms for node:http, and this hop is the gateway's own overhead. Only what forwarding needs: method,
// headers, string body, AbortSignal, a connect timeout. The answer is a web Response whose body is built lazily: a
// whole-body read (`text()`, every non-streamed call) collects the socket's chunks directly, and only a caller that
// asks for `body` (streams) pays for Readable.toWeb and the web-stream machinery.
import { type ClientRequest, Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import { TLSSocket } from "node:tls";
import { AnswerTooLarge, markBoundedRead, MAX_ANSWER_BYTES } from "../shared/providers/answer-limit";
import { ConnectTimeout, type UpstreamInit } from "../shared/providers/upstream-init";

// Statuses whose answer has no body (a web Response refuses one for them).
const NULL_BODY_STATUS = new Set([204, 205, 304]);
// Not streaming and not fatal: one decoder serves every call.
const utf8 = new TextDecoder();

const agents = {
  "http:": new HttpAgent({ keepAlive: true, maxSockets: 512 }),
  "https:": new HttpsAgent({ keepAlive: true, maxSockets: 512 }),
};

function responseHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/**
 * All of a message's bytes; a connection dropped before the end rejects (never a silently short body), and so does a
 * body past `maxBytes`, whose connection is then closed.
 */
function readWhole(message: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    let received = 0;
    message.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) message.destroy(new AnswerTooLarge(maxBytes));
      else chunks.push(chunk);
    });
    message.once("end", () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    message.once("error", reject);
    message.once("close", () => {
      if (!ended) reject(new Error("upstream connection closed before the end of the body"));
    });
  });
}

/**
 * A Response over an IncomingMessage: either its `body` (a stream, built on first access) or one whole-body read,
 * as with any Response. Own properties shadow the prototype's, so everything else (status, headers, ok) is native.
 */
function upstreamResponse(options: { message: IncomingMessage; status: number; empty: boolean; maxAnswerBytes: number }): Response {
  const { message, empty } = options;
  const init = { status: options.status, headers: responseHeaders(message) };
  if (empty) {
    message.resume();
    return new Response(null, init);
  }
  // A string body, though the body is ours (below): @hono/node-server's Response, global under `edgeguard serve`, then
  // answers status and headers from its init instead of building an undici Response on first read (~40 µs a call).
  const response = new Response("", init);
  let stream: ReadableStream<Uint8Array> | undefined;
  let used = false;
  const bytes = (): Promise<Buffer> => {
    if (used || stream) return Promise.reject(new TypeError("Body is unusable: already read"));
    used = true;
    return readWhole(message, options.maxAnswerBytes);
  };
  const text = async () => utf8.decode(await bytes());
  Object.defineProperties(response, {
    // A connection dropped mid-body surfaces as an error of this stream, which the relay turns into an SSE error.
    body: { get: () => (stream ??= Readable.toWeb(message) as ReadableStream<Uint8Array>) },
    bodyUsed: { get: () => used },
    text: { value: text },
    json: { value: async () => JSON.parse(await text()) },
    arrayBuffer: {
      value: async () => {
        const whole = await bytes();
        return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength);
      },
    },
  });
  markBoundedRead({ response, maxBytes: options.maxAnswerBytes });
  return response;
}

/** Fails the request if a new connection is not up (TCP, and TLS for https) within `ms`; a reused one is up. */
function limitConnect(options: { request: ClientRequest; ms: number }): void {
  const { request, ms } = options;
  request.once("socket", (socket: Socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(() => request.destroy(new ConnectTimeout(`no connection within ${ms} ms`)), ms);
    socket.once(socket instanceof TLSSocket ? "secureConnect" : "connect", () => clearTimeout(timer));
    socket.once("close", () => clearTimeout(timer));
  });
}

/** A fetch for upstream calls; whole-body reads stop at `maxAnswerBytes` (shared/providers/answer-limit.ts). */
export function createNodeUpstreamFetch(options: { maxAnswerBytes: number }): typeof fetch {
  return ((input: RequestInfo | URL, init: UpstreamInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const request = send(
        url,
        { method: init.method ?? "GET", headers: init.headers as Record<string, string>, agent: agents[url.protocol as "http:" | "https:"], signal },
        (message) => {
          const status = message.statusCode ?? 0;
          // A web Response cannot carry these: refuse the answer (the caller's fallback decides) instead of letting
          // the Response constructor throw inside this event handler, where nothing would catch it.
          if (status < 200 || status > 599) {
            message.destroy();
            return reject(new Error(`upstream answered with status ${status}, outside 200-599`));
          }
          const empty = NULL_BODY_STATUS.has(status) || init.method === "HEAD";
          try {
            resolve(upstreamResponse({ message, status, empty, maxAnswerBytes: options.maxAnswerBytes }));
          } catch (error) {
            message.destroy();
            reject(error);
          }
        },
      );
      request.on("error", reject);
      if (init.connectTimeoutMs !== undefined) limitConnect({ request, ms: init.connectTimeoutMs });
      request.end(typeof init.body === "string" ? init.body : undefined);
    })) as typeof fetch;
}

export const nodeUpstreamFetch = createNodeUpstreamFetch({ maxAnswerBytes: MAX_ANSWER_BYTES });
