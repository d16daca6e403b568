// Node only: a streamed answer's headers go out with its first body bytes instead of in a write of their own.
// @hono/node-server calls flushHeaders() before relaying any stream body. The gateway answers a stream only once the
// provider's first chunk is in, so body bytes follow within microseconds: leaving the headers to go with them saves
// a write and a wake-up of the client per stream (about 80 µs of the server's CPU here). A stream with nothing to send
// at once (buffer mode holds the whole answer) still gets its headers after a short grace, so a proxy that times the
// first byte (Cloudflare gives an origin 100 s) sees the answer begin.
import type { ServerResponse } from "node:http";

export const HEADER_FLUSH_GRACE_MS = 10;

export function deferHeaderFlush(outgoing: ServerResponse): void {
  const flushNow = outgoing.flushHeaders;
  // An unnamed arrow: this runs per request, and a named function would get a `__name` call under tsx (keepNames).
  outgoing.flushHeaders = () => {
    // `headersSent` turns true at writeHead, before any byte is written: the socket's count tells what went out.
    const socket = outgoing.socket;
    const writtenBefore = socket?.bytesWritten;
    setTimeout(() => {
      if (!outgoing.destroyed && outgoing.socket === socket && socket?.bytesWritten === writtenBefore) flushNow.call(outgoing);
    }, HEADER_FLUSH_GRACE_MS).unref();
  };
}
