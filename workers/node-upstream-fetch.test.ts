// nodeUpstreamFetch: whole-body reads, lazily built streams, empty answers, impossible statuses, connections
// dropped mid-body, and the connect timeout (which must never bound the generation time).
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerTooLarge } from "../shared/providers/answer-limit";
import { ConnectTimeout, type UpstreamInit } from "../shared/providers/upstream-init";
import { createNodeUpstreamFetch, nodeUpstreamFetch } from "./node-upstream-fetch";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/json") {
      res.writeHead(200, { "content-type": "application/json", "x-two": "a" });
      res.write('{"hello":');
      res.end('"wörld"}');
    } else if (req.url === "/echo") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization })));
    } else if (req.url === "/empty") {
      res.writeHead(204).end();
    } else if (req.url === "/reset-content") {
      res.writeHead(205, { "x-two": "b" }).end();
    } else if (req.url === "/status-999") {
      res.writeHead(999, { "content-type": "text/plain" }).end("odd");
    } else if (req.url === "/chunked-96k") {
      res.writeHead(200, { "content-type": "application/json" }); // no content-length: chunked
      for (let i = 0; i < 3; i++) res.write("x".repeat(32 * 1024));
      res.end();
    } else if (req.url === "/generating") {
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"done":true}'), 250);
    } else if (req.url === "/drop") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      setTimeout(() => res.destroy(), 20);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("whole-body reads", () => {
  it("returns status, headers and the full UTF-8 text of a body sent in several writes", async () => {
    const response = await nodeUpstreamFetch(`${base}/json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-two")).toBe("a");
    expect(await response.text()).toBe('{"hello":"wörld"}');
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("sends method, headers and the string body", async () => {
    const response = await nodeUpstreamFetch(`${base}/echo`, { method: "POST", headers: { authorization: "Bearer x" }, body: "hi" });
    expect(await response.json()).toEqual({ method: "POST", body: "hi", auth: "Bearer x" });
  });

  it("gives a 204 a null body", async () => {
    const response = await nodeUpstreamFetch(`${base}/empty`, { method: "POST", body: "" });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it("gives a 205 a null body, whatever the global Response class", async () => {
    const response = await nodeUpstreamFetch(`${base}/reset-content`, { method: "POST", body: "" });
    expect(response.status).toBe(205);
    expect(response.headers.get("x-two")).toBe("b");
    expect(response.body).toBeNull();
  });

  it("rejects a status no web Response can carry instead of throwing where nothing catches it", async () => {
    await expect(nodeUpstreamFetch(`${base}/status-999`, { method: "POST", body: "" })).rejects.toThrow("status 999");
    expect(await (await nodeUpstreamFetch(`${base}/json`)).text()).toBe('{"hello":"wörld"}'); // still serving
  });

  it("rejects a whole-body read when the connection drops before the end", async () => {
    const response = await nodeUpstreamFetch(`${base}/drop`);
    await expect(response.text()).rejects.toThrow();
  });
});

describe("the answer size limit", () => {
  it("refuses a whole-body read past the limit, even without a declared length, and reads one at the limit", async () => {
    const small = createNodeUpstreamFetch({ maxAnswerBytes: 64 * 1024 });
    await expect((await small(`${base}/chunked-96k`)).text()).rejects.toBeInstanceOf(AnswerTooLarge);
    const exact = createNodeUpstreamFetch({ maxAnswerBytes: 96 * 1024 });
    expect((await (await exact(`${base}/chunked-96k`)).text()).length).toBe(96 * 1024);
  });

  it("keeps serving after a refused read (the connection is closed, not reused half-read)", async () => {
    const small = createNodeUpstreamFetch({ maxAnswerBytes: 1024 });
    await expect((await small(`${base}/chunked-96k`)).text()).rejects.toThrow(AnswerTooLarge);
    expect(await (await small(`${base}/json`)).text()).toBe('{"hello":"wörld"}');
  });
});

describe("streamed bodies", () => {
  it("streams chunks as they arrive and errors the stream when the connection drops", async () => {
    const response = await nodeUpstreamFetch(`${base}/drop`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: one\n\n");
    await expect(reader.read()).rejects.toThrow();
    await expect(response.text()).rejects.toThrow(TypeError); // the stream already owns the body
  });

  it("honours an already-aborted signal", async () => {
    await expect(nodeUpstreamFetch(`${base}/json`, { signal: AbortSignal.abort(new Error("gone")) })).rejects.toThrow("gone");
  });
});

describe("the connect timeout", () => {
  it("fails a connection that is never established (here: a TLS handshake nobody answers) as ConnectTimeout", async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => void sockets.push(socket)); // accepts TCP, never speaks TLS
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `https://127.0.0.1:${(silent.address() as AddressInfo).port}/v1/chat/completions`;
      const started = performance.now();
      const error = await nodeUpstreamFetch(url, { method: "POST", body: "{}", connectTimeoutMs: 150 } as UpstreamInit).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectTimeout);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("stops counting once connected: a whole answer may take longer than it to be generated", async () => {
    const response = await nodeUpstreamFetch(`${base}/generating`, { method: "POST", body: "{}", connectTimeoutMs: 50 } as UpstreamInit);
    expect(await response.json()).toEqual({ done: true });
  });
});
