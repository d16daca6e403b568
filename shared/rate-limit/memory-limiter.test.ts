// The in-memory limiter with an injected clock: limits, isolation, window expiry, token-bucket refill, refunds,
// and the one-time per-process warning.
import { beforeEach, describe, expect, it } from "vitest";
import { createMemoryBackend, createMemoryLimiter, PER_PROCESS_WARNING, resetPerProcessWarningForTests } from "./memory-limiter";
import type { LimitAlgorithm } from "./types";

function clock(start = 1_700_000_000_000) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}
const silent = () => undefined;

async function admitted(options: { algorithm: LimitAlgorithm; now: () => number; identity: string; times: number; limiter?: ReturnType<typeof createMemoryLimiter> }) {
  const limiter = options.limiter ?? createMemoryLimiter({ algorithm: options.algorithm, now: options.now, warn: silent });
  const decisions = await Promise.all(Array.from({ length: options.times }, () => limiter.check({ identity: options.identity })));
  return decisions.filter((d) => d.success).length;
}

describe("sliding window", () => {
  const algorithm: LimitAlgorithm = { kind: "sliding-window", limit: 10, window: "1 m" };

  it("admits exactly the limit out of 25 concurrent checks", async () => {
    const c = clock(1_700_000_000_000 - (1_700_000_000_000 % 60_000)); // start of a window: no previous weight
    expect(await admitted({ algorithm, now: c.now, identity: "a", times: 25 })).toBe(10);
  });

  it("keeps identities apart", async () => {
    const c = clock();
    const limiter = createMemoryLimiter({ algorithm, now: c.now, warn: silent });
    expect(await admitted({ algorithm, now: c.now, identity: "a", times: 12, limiter })).toBe(10);
    expect(await admitted({ algorithm, now: c.now, identity: "b", times: 3, limiter })).toBe(3);
  });

  it("denies with remaining 0, reset at the window end and Retry-After >= 1", async () => {
    const c = clock(60_000 * 1_000 + 15_000); // 15 s into a window
    const limiter = createMemoryLimiter({ algorithm, now: c.now, warn: silent });
    for (let i = 0; i < 10; i++) await limiter.check({ identity: "a" });
    const denied = await limiter.check({ identity: "a" });
    expect(denied).toMatchObject({ success: false, remaining: 0, limit: 10, reset: 60_000 * 1_001, retryAfterSeconds: 45, failOpen: false });
  });

  it("weights the previous window, then forgets it after two windows", async () => {
    const c = clock(60_000 * 1_000);
    const limiter = createMemoryLimiter({ algorithm, now: c.now, warn: silent });
    for (let i = 0; i < 10; i++) await limiter.check({ identity: "a" });
    c.advance(60_000 + 30_000); // half-way through the next window: 5 of the previous 10 still count
    expect(await admitted({ algorithm, now: c.now, identity: "a", times: 10, limiter })).toBe(5);
    c.advance(60_000 * 2);
    expect(await admitted({ algorithm, now: c.now, identity: "a", times: 12, limiter })).toBe(10);
  });
});

describe("token bucket", () => {
  it("allows a burst of `limit`, then refills `refillRate` per window", async () => {
    const c = clock();
    const limiter = createMemoryLimiter({ algorithm: { kind: "token-bucket", limit: 5, window: "10 s", refillRate: 2 }, now: c.now, warn: silent });
    expect(await admitted({ algorithm: { kind: "token-bucket", limit: 5, window: "10 s" }, now: c.now, identity: "a", times: 25, limiter })).toBe(5);
    c.advance(9_999);
    expect((await limiter.check({ identity: "a" })).success).toBe(false);
    c.advance(1);
    expect(await admitted({ algorithm: { kind: "token-bucket", limit: 5, window: "10 s" }, now: c.now, identity: "a", times: 5, limiter })).toBe(2);
    c.advance(10_000 * 10); // long idle: capped at the bucket size
    expect(await admitted({ algorithm: { kind: "token-bucket", limit: 5, window: "10 s" }, now: c.now, identity: "a", times: 9, limiter })).toBe(5);
  });

  it("refuses a cost larger than what is left without consuming it", async () => {
    const c = clock();
    const limiter = createMemoryLimiter({ algorithm: { kind: "token-bucket", limit: 10, window: "1 m" }, now: c.now, warn: silent });
    await limiter.check({ identity: "a", cost: 7 });
    expect((await limiter.check({ identity: "a", cost: 4 })).success).toBe(false);
    expect(await limiter.check({ identity: "a", cost: 3 })).toMatchObject({ success: true, remaining: 0 });
  });
});

describe("fixed window", () => {
  it("records every charge (even refused ones) and refunds exactly", async () => {
    const c = clock(60_000 * 500);
    const limiter = createMemoryLimiter({ algorithm: { kind: "fixed-window", limit: 100, window: "1 m" }, now: c.now, warn: silent });
    expect(await limiter.check({ identity: "a", cost: 80 })).toMatchObject({ success: true, remaining: 20 });
    expect(await limiter.check({ identity: "a", cost: 30 })).toMatchObject({ success: false, remaining: 0 });
    expect(await limiter.check({ identity: "a", cost: -30 })).toMatchObject({ success: true, remaining: 20 });
    c.advance(60_000);
    expect(await limiter.check({ identity: "a", cost: 100 })).toMatchObject({ success: true, remaining: 0 });
  });
});

describe("per-process warning", () => {
  beforeEach(() => resetPerProcessWarningForTests());
  it("warns once, however many limiters are built", () => {
    const messages: string[] = [];
    const backend = createMemoryBackend({ warn: (m) => messages.push(m) });
    backend.create({ policyName: "requests", prefix: "p", algorithm: { kind: "sliding-window", limit: 1, window: "1 s" } });
    backend.create({ policyName: "tokens", prefix: "t", algorithm: { kind: "fixed-window", limit: 1, window: "1 s" } });
    createMemoryLimiter({ algorithm: { kind: "sliding-window", limit: 1, window: "1 s" }, warn: (m) => messages.push(m) });
    expect(messages).toEqual([PER_PROCESS_WARNING]);
  });
});

describe("bounded memory", () => {
  const algorithm: LimitAlgorithm = { kind: "fixed-window", limit: 5, window: "1 m" };

  it("past maxEntries live identities, forgets the oldest down to nine tenths of the bound and keeps the newest counting", async () => {
    const c = clock(1_700_000_000_000 - (1_700_000_000_000 % 60_000));
    const limiter = createMemoryLimiter({ algorithm, now: c.now, warn: silent, maxEntries: 100 });
    for (let i = 0; i <= 100; i++) await limiter.check({ identity: `ip:${i}` });
    // The 102nd identity finds 101 entries: the eleven oldest (ip:0 … ip:10) are dropped, leaving 90, before it counts.
    await limiter.check({ identity: "ip:101" });
    const remaining = async (identity: string) => (await limiter.check({ identity })).remaining;
    expect(await remaining("ip:100")).toBe(3); // still counting: its second check
    expect(await remaining("ip:101")).toBe(3);
    expect(await remaining("ip:11")).toBe(3); // the oldest kept
    expect(await remaining("ip:10")).toBe(4); // forgotten: counted afresh
  });

  it("drops expired identities first", async () => {
    const c = clock(1_700_000_000_000 - (1_700_000_000_000 % 60_000));
    const limiter = createMemoryLimiter({ algorithm, now: c.now, warn: silent, maxEntries: 100 });
    await limiter.check({ identity: "early" });
    c.advance(61_000); // "early"'s window is over
    for (let i = 0; i < 100; i++) await limiter.check({ identity: `ip:${i}` });
    await limiter.check({ identity: "ip:100" });
    // The sweep removed the expired entry and then the oldest live ones down to 90: ip:0 … ip:9 are gone.
    expect((await limiter.check({ identity: "ip:9" })).remaining).toBe(4);
    expect((await limiter.check({ identity: "ip:10" })).remaining).toBe(3);
  });
});
