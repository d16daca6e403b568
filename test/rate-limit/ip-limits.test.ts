// Per-client-IP limits before authentication: a brute-force run of wrong keys is refused by address; a proxy header
// counts only when the operator names it as trusted, so a client cannot reset its budget by forging one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { startFakeProvider, type FakeProvider } from "../support/fake-provider";
import { buildConfig, providerSection } from "../support/test-config";

let fake: FakeProvider;
let direct: NodeServer;
let proxied: NodeServer;
const ipLimits = { requests: { limit: 3, window: "1 h" as const, algorithm: "sliding-window" as const } };

beforeAll(async () => {
  fake = await startFakeProvider();
  direct = await startNodeServer({ config: buildConfig({ ...providerSection(fake.url), ipLimits }), port: 0, auditSink: { write: async () => {} } });
  proxied = await startNodeServer({
    config: buildConfig({ ...providerSection(fake.url), ipLimits, trustedClientIpHeader: "x-forwarded-for" }),
    port: 0,
    auditSink: { write: async () => {} },
  });
});
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
  await fake?.stop();
});

const guess = (server: NodeServer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/v1/guard`, {
    method: "POST",
    headers: { authorization: `Bearer eg_guess_${"x".repeat(40)}`, "content-type": "application/json", ...headers },
    body: JSON.stringify({ text: "hi", direction: "input" }),
  });

describe("client IP limits", () => {
  it("refuses the fourth wrong-key attempt from one address with 429, forged forwarding headers or not", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await guess(direct, { "x-forwarded-for": `10.0.0.${i}` })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const fourth = await guess(direct, { "x-forwarded-for": "10.9.9.9" });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("uses the trusted header's rightmost address when configured: each client has its own budget", async () => {
    for (let i = 0; i < 3; i++) expect((await guess(proxied, { "x-forwarded-for": `203.0.113.7, 198.51.100.1` })).status).toBe(401);
    expect((await guess(proxied, { "x-forwarded-for": `203.0.113.7, 198.51.100.1` })).status).toBe(429);
    // A different client behind the same proxy is counted apart; the forged leftmost entry is ignored.
    expect((await guess(proxied, { "x-forwarded-for": `198.51.100.1, 198.51.100.2` })).status).toBe(401);
  });
});
