// Load through the Node server: 200 concurrent streams all complete with the provider's exact text (none truncated),
// and 2,000 small requests leave no heap growth (measured after a forced GC). `npm run test:chaos` runs the long
// versions (several rounds of 200 streams, 10,000 requests).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCountingAuditSink, startHardeningGateway, type HardeningGateway } from "./hardening-gateway";
import { forcedGc, runConcurrentStreams, runSmallRequests, settledHeapBytes } from "./load-checks";

let gateway: HardeningGateway;

beforeAll(async () => {
  // No per-request ids kept: the sink itself must not be what grows.
  gateway = await startHardeningGateway({ audit: createCountingAuditSink({ keepIds: false, keepRecent: 1 }) });
});
afterAll(async () => {
  await gateway?.close();
});

describe("200 concurrent streams", () => {
  it("all complete, each with exactly the text the provider sent and a final [DONE]", { timeout: 60_000 }, async () => {
    const round = await runConcurrentStreams({ url: gateway.url, key: gateway.key, streams: 200 });
    expect(round.failures).toEqual([]);
    expect(round.completed).toBe(200);
    await gateway.audit.waitForTotal({ count: 200 });
    expect(gateway.audit.recent.at(-1)).toMatchObject({ streamOutcome: "completed", status: 200 });
    console.log(`200 concurrent streams: ${round.ms.toFixed(0)} ms`);
  });
});

describe("memory under 2,000 requests", () => {
  it("does not grow the heap beyond a generous bound", { timeout: 60_000 }, async () => {
    const gc = forcedGc();
    const warm = await runSmallRequests({ url: gateway.url, key: gateway.key, requests: 300, concurrency: 8 });
    expect(warm.lost).toBe(0);
    // The fake provider (same process) logs every request it gets; that log is test support, not the gateway.
    gateway.fake.requests.length = 0;
    const before = await settledHeapBytes(gc);
    const run = await runSmallRequests({ url: gateway.url, key: gateway.key, requests: 2_000, concurrency: 8 });
    expect(run.failures).toEqual([]);
    expect(run.ok).toBe(2_000);
    await gateway.audit.waitForTotal({ count: 200 + 300 + 2_000 });
    gateway.fake.requests.length = 0;
    const after = await settledHeapBytes(gc);
    const growth = after - before;
    console.log(`heap before ${(before / 2 ** 20).toFixed(1)} MiB, after 2,000 requests ${(after / 2 ** 20).toFixed(1)} MiB (${(growth / 2_000).toFixed(0)} B/request), ${run.ms.toFixed(0)} ms`);
    // A leak of even 2 KB per request (one retained body or audit draft) would show as 4 MiB here.
    expect(growth).toBeLessThan(4 * 2 ** 20);
  });
});
