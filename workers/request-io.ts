// How a route reads the request's body and learns that the client went away. On Workers (and in app.request tests)
// that is the web Request itself. On Node the server registers the raw IncomingMessage/ServerResponse for each request:
// reading the bytes straight from the socket stream and watching the socket for a disconnect skips building a full
// web Request (Readable.toWeb, undici's body machinery, its AbortSignal), which the lightweight @hono/node-server
// request otherwise builds on the first `.body`/`.signal` access. A request replaced by a middleware (the body-limit
// slow path) is simply not found here and falls back to the web path.
import type { Context } from "hono";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppEnv } from "./app-env";

interface NodeRequestIo {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  controller?: AbortController;
}

const registered = new WeakMap<Request, NodeRequestIo>();

/** Node server only: lets the routes read `request` from its socket streams (workers/node.ts). */
export function registerNodeRequest(options: { request: Request; incoming: IncomingMessage; outgoing: ServerResponse }): void {
  if ("rawBody" in options.incoming) return; // pre-read bodies (serverless shims): the web path handles them
  registered.set(options.request, { incoming: options.incoming, outgoing: options.outgoing });
}

/** Aborted when the client goes away before the answer is fully sent. */
export function requestSignal(c: Context<AppEnv>): AbortSignal {
  const io = registered.get(c.req.raw);
  if (!io) return c.req.raw.signal;
  if (!io.controller) {
    const controller = (io.controller = new AbortController());
    // The same rule @hono/node-server applies to the Request's own signal; a socket closed before this first
    // call (the signal is made on demand) aborts at once.
    const onClose = () => {
      if (io.incoming.errored) controller.abort(io.incoming.errored.toString());
      else if (!io.outgoing.writableFinished) controller.abort("Client connection prematurely closed.");
    };
    if (io.outgoing.closed) onClose();
    else io.outgoing.once("close", onClose);
  }
  return io.controller.signal;
}

/** The body did not arrive whole within the deadline. */
export class BodyTimeout extends Error {
  override name = "BodyTimeout";
}

/**
 * The whole request body (callers bound its size first: body-limit middleware). With `timeoutMs`, rejects with
 * BodyTimeout once it has not arrived whole in that time; the caller answers, so the client hears why.
 */
export function requestBytes(c: Context<AppEnv>, options: { timeoutMs?: number } = {}): Promise<ArrayBuffer | Uint8Array> {
  const io = registered.get(c.req.raw);
  if (io) return readIncoming(io.incoming, options.timeoutMs);
  const read = c.req.arrayBuffer();
  if (options.timeoutMs === undefined) return read;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(bodyTimeout(options.timeoutMs!)), options.timeoutMs)));
  read.catch(() => undefined); // a read failing after the deadline has nobody to tell
  return Promise.race([read, deadline]).finally(() => clearTimeout(timer));
}

function bodyTimeout(ms: number): BodyTimeout {
  return new BodyTimeout(`The request body did not arrive within ${ms} ms.`);
}

function readIncoming(incoming: IncomingMessage, timeoutMs: number | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => reject(bodyTimeout(timeoutMs)), timeoutMs);
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.once("end", () => {
      clearTimeout(timer);
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    incoming.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    incoming.once("aborted", () => {
      clearTimeout(timer);
      reject(new Error("request aborted"));
    });
  });
}

/** Node only: the peer address of the request's socket (undefined on Workers and in app.request tests). */
export function socketAddress(c: Context<AppEnv>): string | undefined {
  return registered.get(c.req.raw)?.incoming.socket.remoteAddress;
}
