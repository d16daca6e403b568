// The bench's framework floor must do the work it stands for: run from its bundle, it forwards the request's JSON
// with its authorization and relays the answer with its status; an unreadable answer is not passed off as a relay.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBundledPortChild, stopAll, type Child } from "./children";

let upstream: Server;
let relay: Child;
const received: Array<{ path?: string; auth?: string; body: string }> = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ path: req.url, auth: req.headers.authorization, body });
      if (body.includes("garbage")) res.writeHead(200, { "content-type": "application/json" }).end("{not json");
      else res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ echoed: JSON.parse(body) }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  relay = await startBundledPortChild({ script: "scripts/bench/hono-relay.ts", args: [`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`] });
}, 30_000);
afterAll(async () => {
  stopAll([relay]);
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

describe("hono-relay", () => {
  it("forwards the parsed request and relays the provider's answer and status", async () => {
    const request = { model: "m", messages: [{ role: "user", content: "héllo" }] };
    const response = await fetch(`${relay.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer k" },
      body: JSON.stringify(request),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ echoed: request });
    expect(received.at(-1)).toMatchObject({ path: "/v1/chat/completions", auth: "Bearer k" });
  });

  it("answers 500, not the bytes, when the provider's answer is not JSON", async () => {
    const response = await fetch(`${relay.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ garbage: true }) });
    expect(response.status).toBe(500);
  });
});
