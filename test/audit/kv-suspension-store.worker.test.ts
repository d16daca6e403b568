// The KV suspension store against real Workers KV in workerd (real expirationTtl/metadata/list semantics); the
// clock-driven behaviour (windows, expiry) is covered in shared/response/auto-suspend.test.ts with an injected clock.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { makeBlockedPrompt } from "../../shared/audit/test-records";
import { applyAutomatedResponse, checkSuspension } from "../../shared/response/auto-suspend";
import { createKvSuspensionStore } from "../../shared/response/kv-suspension-store";

const kv = () => (env as unknown as { EDGEGUARD_KV: KVNamespace }).EDGEGUARD_KV;

describe("KV suspension store in workerd", () => {
  it("suspends after N blocked prompts, lists with metadata, and lifts (clearing counters)", async () => {
    const store = createKvSuspensionStore({ kv: kv() });
    const policy = { autoSuspend: { blockedPrompts: 2, withinSeconds: 30, suspendSeconds: 120 } };
    const block = () => applyAutomatedResponse({ record: makeBlockedPrompt({ keyId: "kv-key" }), policy, store, now: Date.now });
    expect((await block()).suspension).toBeNull();
    const second = await block();
    expect(second.suspension?.keyId).toBe("kv-key");
    expect(second.record.automatedResponse?.blockedPrompts).toBe(2);

    const check = await checkSuspension({ store, keyId: "kv-key" });
    expect(check).toMatchObject({ suspended: true, reason: "auto: 2 blocked prompts within 30 s" });
    const listed = await store.list();
    expect(listed.map((s) => s.keyId)).toContain("kv-key");
    expect(listed.find((s) => s.keyId === "kv-key")?.until).toBe(second.suspension?.until);

    await store.lift("kv-key");
    expect(await checkSuspension({ store, keyId: "kv-key" })).toEqual({ suspended: false });
    expect((await kv().list({ prefix: "blocks:kv-key:" })).keys).toEqual([]);
    expect((await block()).count).toBe(1);
  });
});
