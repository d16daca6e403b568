// How a route reads the request's body and learns that the client went away. On Workers (and in app.request tests)
// that is the web Request itself. On Node the server registers the raw IncomingMessage/ServerResponse for each request:
// reading the bytes straight from the socket stream and watching the socket for a disconnect skips building a full
// web Request (Readable.toWeb, undici's body machinery, its AbortSignal), which the lightweight @hono/node-server
// request otherwise builds on the first `.body`/`.signal` access. A request replaced by a middleware is simply not
// found here and falls back to the web path.
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

/** Node only: the request's socket stream, for reading its body directly (request-body.ts). */
export function nodeIncoming(c: Context<AppEnv>): IncomingMessage | undefined {
  return registered.get(c.req.raw)?.incoming;
}

/** Node only: the peer address of the request's socket (undefined on Workers and in app.request tests). */
export function socketAddress(c: Context<AppEnv>): string | undefined {
  return registered.get(c.req.raw)?.incoming.socket.remoteAddress;
}
