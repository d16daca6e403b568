// A streamed answer's headers wait for its first body bytes, or for the grace period when none come.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { deferHeaderFlush, HEADER_FLUSH_GRACE_MS } from "./deferred-header-flush";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function serve(handler: (res: ServerResponse) => void): Promise<number> {
  server = createServer((_req, res) => {
    deferHeaderFlush(res);
    handler(res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

describe("deferHeaderFlush", () => {
  it("sends the headers in the same write as the first body bytes", async () => {
    let writtenAfterFlush: number | undefined;
    const port = await serve((res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.flushHeaders();
      writtenAfterFlush = res.socket!.bytesWritten;
      res.write("data: first\n\n");
      setTimeout(() => res.end(), 50);
    });
    // Nothing went out at flushHeaders (the count above); the client gets the status line with the first event.
    const socket = connect(port, "127.0.0.1");
    socket.write("GET / HTTP/1.1\r\nhost: x\r\n\r\n");
    const [first] = (await new Promise((resolve) => socket.once("data", (chunk) => resolve([chunk.toString()])))) as [string];
    socket.destroy();
    expect(writtenAfterFlush).toBe(0);
    expect(first).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(first).toContain("data: first");
  });

  it("still sends the headers after the grace period when no body bytes come", async () => {
    const port = await serve((res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.flushHeaders();
      setTimeout(() => res.end("data: late\n\n"), 1_000);
    });
    const started = performance.now();
    const response = await new Promise<IncomingMessage>((resolve) => request({ port, host: "127.0.0.1", agent: false }, resolve).end());
    const headersAfterMs = performance.now() - started;
    response.resume();
    expect(response.statusCode).toBe(200);
    expect(headersAfterMs).toBeGreaterThanOrEqual(HEADER_FLUSH_GRACE_MS - 1);
    expect(headersAfterMs).toBeLessThan(500); // long before the body, which comes at 1 s
  });
});
