// The headers the gateway adds after a route built its answer (rate limits, Server-Timing, overhead, request id), as
// a client of the Node server sees them: present, once each, on allowed, streamed and refused answers alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway, type FakeGateway } from "../support/fake-gateway";

let gateway: FakeGateway;
let server: FakeGateway["server"];
let key: FakeGateway["key"];
let audit: FakeGateway["audit"];

beforeAll(async () => {
  gateway = await startFakeGateway({ tenant: { limits: { requests: { limit: 3, window: "1 h" } } } });
  ({ server, key, audit } = gateway);
});
afterAll(() => gateway?.close());

function chat(options: { stream?: boolean; requestId?: string } = {}) {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json", ...(options.requestId ? { "x-request-id": options.requestId } : {}) },
    body: JSON.stringify({ model: "gpt-4o-mini", stream: options.stream ?? false, messages: [{ role: "user", content: "Hello there" }] }),
  });
}

/** Headers that appear twice are joined with ", " by fetch: a single value has no comma. */
function single(response: Response, name: string): string {
  const value = response.headers.get(name);
  expect(value, name).not.toBeNull();
  expect(value, name).not.toContain(",");
  return value!;
}

describe("headers added to the answer on the Node server", () => {
  it("an allowed answer names its request id, timings and remaining budget, once each", async () => {
    const response = await chat({ requestId: "client-chosen-id-1" });
    expect(response.status).toBe(200);
    await response.text();
    expect(single(response, "x-request-id")).toBe("client-chosen-id-1");
    expect(single(response, "x-ratelimit-remaining-requests")).toBe("2");
    expect(Number(single(response, "x-edgeguard-overhead-ms"))).toBeGreaterThanOrEqual(0);
    expect(response.headers.get("server-timing")).toMatch(/^auth;dur=[\d.]+, ratelimit;dur=[\d.]+, .*overhead;dur=[\d.]+$/);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it("a streamed answer carries them too, but no total overhead (the stream is not over yet)", async () => {
    const response = await chat({ stream: true });
    expect(response.status).toBe(200);
    await response.text();
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(single(response, "x-ratelimit-remaining-requests")).toBe("1");
    expect(response.headers.get("server-timing")).toContain("auth;dur=");
    expect(response.headers.get("x-edgeguard-overhead-ms")).toBeNull();
    const id = single(response, "x-request-id");
    await expect.poll(() => audit.records.some((record) => record.requestId === id)).toBe(true);
  });

  it("a refused answer keeps its own rate-limit headers and gains the request id", async () => {
    await (await chat()).text(); // the third and last allowed request
    const refused = await chat();
    expect(refused.status).toBe(429);
    await refused.text();
    expect(single(refused, "x-ratelimit-remaining-requests")).toBe("0");
    expect(Number(single(refused, "retry-after"))).toBeGreaterThan(0);
    expect(single(refused, "x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
