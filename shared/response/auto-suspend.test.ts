import { afterEach, describe, expect, it, vi } from "vitest";
import { auditRecordSchema } from "../audit/record-schema";
import { makeAuditRecord, makeBlockedPrompt } from "../audit/test-records";
import { parseValid } from "../validation/validate";
import { applyAutomatedResponse, checkSuspension, shouldSuspend } from "./auto-suspend";
import { createFakeKv } from "./fake-kv-for-tests";
import { createKvSuspensionStore } from "./kv-suspension-store";
import { createMemorySuspensionStore } from "./memory-suspension-store";
import type { SuspensionStore } from "./suspension-store";

const SECOND = 1000;
const policy = { autoSuspend: { blockedPrompts: 3, withinSeconds: 60, suspendSeconds: 600 } };
const T0 = Date.UTC(2026, 4, 1, 12);

afterEach(() => vi.restoreAllMocks());

describe("shouldSuspend", () => {
  it("is reached at N, not N-1, and never without a policy", () => {
    expect(shouldSuspend({ count: 3, policy: policy.autoSuspend })).toBe(true);
    expect(shouldSuspend({ count: 4, policy: policy.autoSuspend })).toBe(true);
    expect(shouldSuspend({ count: 2, policy: policy.autoSuspend })).toBe(false);
    expect(shouldSuspend({ count: 1000, policy: undefined })).toBe(false);
  });
});

// The same behaviour from both stores. KV counts whole buckets (≤ W·7/6), so "spread over more than W" uses a gap
// larger than that for both.
const stores: Array<[string, (now: () => number) => SuspensionStore]> = [
  ["memory", (now) => createMemorySuspensionStore({ now })],
  ["kv", (now) => createKvSuspensionStore({ kv: createFakeKv({ now, pageSize: 2 }), now })],
];

describe.each(stores)("automated response over the %s store", (_, makeStore) => {
  function setup() {
    const clock = { now: T0 };
    const now = () => clock.now;
    const store = makeStore(now);
    const block = async (keyId = "k1") => applyAutomatedResponse({ record: makeBlockedPrompt({ keyId }), policy, store, now });
    return { clock, now, store, block };
  }

  it("suspends at N blocked prompts within W, not at N-1, and annotates the triggering record", async () => {
    const { clock, store, block } = setup();
    const first = await block();
    clock.now += 10 * SECOND;
    const second = await block();
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.suspension).toBeNull();
    expect(second.record.automatedResponse).toBeUndefined();
    expect(await checkSuspension({ store, keyId: "k1" })).toEqual({ suspended: false });

    clock.now += 10 * SECOND;
    const third = await block();
    expect(third.count).toBe(3);
    expect(third.suspension).toEqual({ keyId: "k1", until: clock.now + 600 * SECOND, reason: "auto: 3 blocked prompts within 60 s" });
    expect(parseValid(auditRecordSchema, third.record).automatedResponse).toEqual({
      action: "suspend_key",
      keyId: "k1",
      until: new Date(clock.now + 600 * SECOND).toISOString(),
      blockedPrompts: 3,
      withinSeconds: 60,
    });
    expect(await checkSuspension({ store, keyId: "k1" })).toMatchObject({ suspended: true, until: clock.now + 600 * SECOND });
    expect(await checkSuspension({ store, keyId: "k2" })).toEqual({ suspended: false }); // per key
  });

  it("does not suspend when the N blocks are spread over more than W", async () => {
    const { clock, store, block } = setup();
    for (let i = 0; i < 6; i++) {
      const outcome = await block();
      expect(outcome.suspension).toBeNull();
      clock.now += 75 * SECOND; // > 60 s · 7/6 between blocks
    }
    expect(await store.list()).toEqual([]);
  });

  it("expires after T by itself", async () => {
    const { clock, store, block } = setup();
    for (let i = 0; i < 3; i++) await block();
    clock.now += 599 * SECOND;
    expect((await checkSuspension({ store, keyId: "k1" })).suspended).toBe(true);
    expect((await store.list()).map((s) => s.keyId)).toEqual(["k1"]);
    clock.now += 1 * SECOND;
    expect(await checkSuspension({ store, keyId: "k1" })).toEqual({ suspended: false });
    expect(await store.list()).toEqual([]);
  });

  it("lists and lifts suspensions; a lifted key starts counting from zero", async () => {
    const { clock, store, block } = setup();
    for (let i = 0; i < 3; i++) await block("k1");
    for (let i = 0; i < 3; i++) await block("k2");
    const listed = await store.list();
    expect(listed.map((s) => s.keyId).sort()).toEqual(["k1", "k2"]);
    expect(listed[0]).toMatchObject({ since: T0, until: T0 + 600 * SECOND, reason: "auto: 3 blocked prompts within 60 s" });

    await store.lift("k1");
    expect(await checkSuspension({ store, keyId: "k1" })).toEqual({ suspended: false });
    expect((await store.list()).map((s) => s.keyId)).toEqual(["k2"]);
    clock.now += 1 * SECOND;
    const next = await block("k1");
    expect(next.count).toBe(1);
    expect(next.suspension).toBeNull();
  });

  it("ignores records that are not blocked prompts, and policies without autoSuspend", async () => {
    const { store, now } = setup();
    const notCounted = [
      makeAuditRecord({ action: "flag", findings: [{ detector: "t", category: "toxicity", score: 1, direction: "input", shadow: false }] }),
      makeAuditRecord({ action: "block", findings: [{ detector: "c", category: "canary_leak", score: 1, direction: "output", shadow: false }] }),
      makeAuditRecord({ action: "block", failOpen: [], errors: ["detector_failed"] }), // failed closed, no finding
      makeAuditRecord({ action: "block", findings: [{ detector: "s", category: "jailbreak", score: 1, direction: "input", shadow: true }] }),
      makeBlockedPrompt({ keyId: undefined }),
    ];
    for (let i = 0; i < 3; i++) {
      for (const record of notCounted) expect((await applyAutomatedResponse({ record, policy, store, now })).counted).toBe(false);
      const off = await applyAutomatedResponse({ record: makeBlockedPrompt(), policy: {}, store, now });
      expect(off.counted).toBe(false);
    }
    expect(await store.list()).toEqual([]);
  });
});

describe("failures", () => {
  it("applyAutomatedResponse never throws: a store failure is noted in the record", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const broken = createMemorySuspensionStore();
    broken.recordBlock = async () => Promise.reject(new Error("KV down"));
    const outcome = await applyAutomatedResponse({ record: makeBlockedPrompt(), policy, store: broken, now: () => T0 });
    expect(outcome.suspension).toBeNull();
    expect(outcome.record.errors).toContain("automated_response_failed");
  });

  it("checkSuspension fails closed unless told to fail open", async () => {
    const broken = createMemorySuspensionStore();
    broken.getSuspension = async () => Promise.reject(new Error("KV down"));
    expect(await checkSuspension({ store: broken, keyId: "k1" })).toMatchObject({ suspended: true, storeError: true });
    expect(await checkSuspension({ store: broken, keyId: "k1", failOpen: true })).toEqual({ suspended: false, storeError: true });
  });

  it("the KV store respects KV's 60 s minimum TTL for short windows and suspensions", async () => {
    const now = () => T0;
    const kv = createFakeKv({ now });
    const store = createKvSuspensionStore({ kv, now });
    const short = { autoSuspend: { blockedPrompts: 1, withinSeconds: 5, suspendSeconds: 10 } };
    const outcome = await applyAutomatedResponse({ record: makeBlockedPrompt(), policy: short, store, now });
    expect(outcome.suspension?.until).toBe(T0 + 10 * SECOND);
    expect([...kv.entries.keys()].sort()).toEqual(["blocks:k1:1:" + Math.floor(T0 / 1000), "suspension:k1"]);
  });
});
