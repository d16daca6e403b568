// The Node server's direct body read and disconnect signal (request-io.ts), over real sockets: declared and chunked
// bodies both arrive whole and oversized ones still get 413. (The disconnect signal is covered end to end by
// test/gateway/stream-lifecycle.test.ts: a client hanging up mid-stream is audited as client_disconnected.)
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "../test/support/fake-gateway";

let gateway: FakeGateway;
let server: FakeGateway["server"];
let key: FakeGateway["key"];

beforeAll(async () => {
  gateway = await startFakeGateway({ config: { bodyLimitBytes: 4 * 1024 } });
  ({ server, key } = gateway);
});
afterAll(() => gateway?.close());

/** POSTs `body` in `parts` writes; chunked (no Content-Length) unless `declare` is set. */
function post(options: { body: string; declare: boolean; parts?: number }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${key.key}`, "content-type": "application/json" };
    if (options.declare) headers["content-length"] = Buffer.byteLength(options.body);
    const req = httpRequest(`${server.url}/v1/chat/completions`, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    const parts = options.parts ?? 1;
    const size = Math.ceil(options.body.length / parts);
    for (let i = 0; i < parts; i++) req.write(options.body.slice(i * size, (i + 1) * size));
    req.end();
  });
}

const chat = (content: string) => JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content }] });

describe("request bodies on Node", () => {
  it("reads a declared-length body sent in several writes", async () => {
    const answer = await post({ body: chat("Hello there, é and 你好 ".repeat(20)), declare: true, parts: 5 });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).choices[0].message.role).toBe("assistant");
  });

  it("reads a chunked body (no Content-Length)", async () => {
    const answer = await post({ body: chat("chunked hello"), declare: false, parts: 3 });
    expect(answer.status).toBe(200);
  });

  it("refuses an oversized chunked body with 413 and an oversized declared one too", async () => {
    const big = chat("x".repeat(8 * 1024));
    expect((await post({ body: big, declare: false, parts: 4 })).status).toBe(413);
    expect((await post({ body: big, declare: true })).status).toBe(413);
  });

  it("answers 400 invalid_json for a truncated body", async () => {
    const answer = await post({ body: chat("hi").slice(0, 20), declare: true });
    expect(answer.status).toBe(400);
  });
});
