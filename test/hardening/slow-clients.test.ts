// Slow and vanishing clients on the Node server (requestTimeoutMs 1 s here): a body that stalls gets 408 in its
// API's envelope and the connection closed, headers that never end are cut off, a client gone mid-body is audited as
// such (not as invalid UTF-8), and the deadline covers receiving the request only, never a slow answer.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectFor, envelopeProblem, startHardeningGateway, stillServing, tryJson, type HardeningGateway } from "./hardening-gateway";
import { parseRawResponse, rawRequest } from "./raw-http";

const TIMEOUT_MS = 1_000;
/** Node checks its own timers once a second; a loaded 2-core machine adds some more. */
const SLACK_MS = 1_500;

let gateway: HardeningGateway;

beforeAll(async () => {
  gateway = await startHardeningGateway({
    configure: (base) => ({
      ...base,
      requestTimeoutMs: TIMEOUT_MS,
      // A provider the gateway waits 10 s for: its answers may take longer than requestTimeoutMs.
      providers: { ...base.providers, patient: { ...base.providers.openai, firstTokenTimeoutMs: 10_000 } },
      routes: [{ model: "gpt-patient-*", provider: "patient" }, ...base.routes],
    }),
  });
});
afterAll(async () => {
  await gateway?.close();
});

interface Exchange {
  /** Everything the server sent before the connection closed. */
  received: Buffer;
  ms: number;
}

/**
 * Writes each piece at its time, then sends nothing more (or hangs up at `hangUpAfterMs`); resolves when the
 * connection closes.
 */
function talk(options: { writes: Array<{ afterMs: number; data: string }>; hangUpAfterMs?: number }): Promise<Exchange> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(gateway.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error("the server never closed a stalled connection")));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ received: Buffer.concat(chunks), ms: performance.now() - started }));
    for (const { afterMs, data } of options.writes) setTimeout(() => socket.write(data), afterMs);
    if (options.hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), options.hangUpAfterMs);
  });
}

/** Writes `head` (and the start of a body), then sends nothing more. */
const sendAndStall = (options: { head: string; partialBody?: string }) => talk({ writes: [{ afterMs: 0, data: options.head + (options.partialBody ?? "") }] });

function requestHead(options: { path: string; contentLength?: number; connectionClose?: boolean }): string {
  const auth = options.path === "/v1/messages" ? `x-api-key: ${gateway.key}` : `authorization: Bearer ${gateway.key}`;
  const length = options.contentLength === undefined ? "transfer-encoding: chunked" : `content-length: ${options.contentLength}`;
  const close = options.connectionClose ? "connection: close\r\n" : "";
  return `POST ${options.path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${auth}\r\n${length}\r\n${close}\r\n`;
}

const recordsWith = (reason: string) => gateway.audit.recent.filter((r) => r.reason === reason);

describe("a body that stops arriving", () => {
  it("gets 408 in the route's envelope once requestTimeoutMs has passed, and the connection is closed", async () => {
    for (const path of ["/v1/chat/completions", "/v1/messages"]) {
      const stalled = await sendAndStall({ head: requestHead({ path, contentLength: 500 }), partialBody: '{"model":"gpt-4o-mini","mess' });
      gateway.expectedAudit++;
      const answer = parseRawResponse(stalled.received);
      expect(answer.status).toBe(408);
      expect(envelopeProblem({ dialect: dialectFor(path), body: tryJson(answer.body) })).toBeNull();
      expect(answer.headers).toContainEqual({ name: "connection", value: "close" });
      expect(stalled.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(stalled.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    expect(await gateway.auditMatches()).toBeNull();
    expect(recordsWith("request_timeout").map((r) => r.status)).toEqual([408, 408]);
    expect(await stillServing(gateway)).toBe(true);
  });

  it("gets the same 408 when it is chunked (read and counted by the body-limit middleware)", async () => {
    const stalled = await sendAndStall({ head: requestHead({ path: "/v1/chat/completions" }), partialBody: "11\r\n{\"model\":\"gpt-4o-\r\n" });
    gateway.expectedAudit++;
    const answer = parseRawResponse(stalled.received);
    expect(answer.status).toBe(408);
    expect(envelopeProblem({ dialect: "openai", body: tryJson(answer.body) })).toBeNull();
    expect(stalled.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(await gateway.auditMatches()).toBeNull();
  });

  it("is not cut off while it keeps coming within the deadline", async () => {
    const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "sent in three slow pieces" }] });
    const head = requestHead({ path: "/v1/chat/completions", contentLength: Buffer.byteLength(body), connectionClose: true });
    const third = Math.ceil(body.length / 3);
    const answer = await talk({
      writes: [
        { afterMs: 0, data: head + body.slice(0, third) },
        { afterMs: 250, data: body.slice(third, 2 * third) },
        { afterMs: 500, data: body.slice(2 * third) },
      ],
    });
    gateway.expectedAudit++;
    expect(parseRawResponse(answer.received).status).toBe(200);
    expect(await gateway.auditMatches()).toBeNull();
  });
});

describe("headers that never end", () => {
  it("are cut off by Node's header timeout (a bare 408: no route, so no envelope yet) and never reach the app", async () => {
    const before = gateway.audit.total;
    const stalled = await sendAndStall({ head: "POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: " });
    expect(parseRawResponse(stalled.received).status).toBe(408);
    expect(stalled.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(gateway.audit.total).toBe(before);
    expect(await stillServing(gateway)).toBe(true);
  });
});

describe("a client that goes away mid-body", () => {
  it("is audited as body_incomplete (499), not as a client error it did not make", async () => {
    await talk({ writes: [{ afterMs: 0, data: requestHead({ path: "/v1/chat/completions", contentLength: 500 }) + '{"model":"gpt-4o-mi' }], hangUpAfterMs: 100 });
    gateway.expectedAudit++;
    expect(await gateway.auditMatches()).toBeNull();
    expect(recordsWith("body_incomplete").map((r) => r.status)).toEqual([499]);
    expect(recordsWith("invalid_utf8")).toEqual([]);
  });

  it("is audited the same when its chunked encoding breaks (Node answers the 400), never as a gateway error", async () => {
    const broken = await sendAndStall({ head: requestHead({ path: "/v1/chat/completions" }), partialBody: 'zz\r\n{"model":"gpt-4o-mini"}\r\n' }); // "zz" is no chunk size
    gateway.expectedAudit++;
    expect(parseRawResponse(broken.received).status).toBe(400);
    expect(await gateway.auditMatches()).toBeNull();
    expect(recordsWith("body_incomplete").map((r) => r.status)).toEqual([499, 499]);
    expect(gateway.audit.recent.filter((r) => r.status >= 500)).toEqual([]);
  });
});

describe("a slow answer", () => {
  it("is never cut off: the deadline covers receiving the request, not waiting for the provider", async () => {
    // The fake sends its headers at once and the body 1.5 s later: longer than requestTimeoutMs.
    const answer = await rawRequest({
      port: gateway.port, method: "POST", path: "/v1/chat/completions",
      headers: [["authorization", `Bearer ${gateway.key}`], ["content-type", "application/json"]],
      body: JSON.stringify({ model: "gpt-patient-slow-first-1500", messages: [{ role: "user", content: "take your time" }] }),
    });
    gateway.expectedAudit++;
    expect(answer.status).toBe(200);
    expect(await gateway.auditMatches()).toBeNull();
  });
});
