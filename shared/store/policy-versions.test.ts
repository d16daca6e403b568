// Versioned policies: put bumps the version and keeps history; rollback republishes the previous version as a new
// one; bad banned-topic patterns are refused before anything is written.
import { describe, expect, it } from "vitest";
import { policySchema } from "../policy/schema";
import { parseValid } from "../validation/validate";
import { createKvAdminStore } from "./kv-admin-store";
import { createMemoryKv } from "./memory-kv";
import { getPolicy, putPolicy, rollbackPolicy } from "./policy-versions";
import { createTenant } from "./tenant-admin";

const NOW = Date.parse("2026-05-01T00:00:00Z");
const policy = (keywords: string[]) => parseValid(policySchema, { bannedTopics: { keywords } });

async function setup() {
  const store = createKvAdminStore(createMemoryKv());
  await createTenant({ store, now: NOW, input: { id: "acme" } });
  return store;
}

describe("policy versions", () => {
  it("put bumps the version each time and keeps every version in history", async () => {
    const store = await setup();
    expect(await getPolicy({ store, tenantId: "acme" })).toMatchObject({ ok: true, state: { policyVersion: 0, policy: null } });
    const v1 = await putPolicy({ store, now: NOW, tenantId: "acme", policy: policy(["cars"]) });
    const v2 = await putPolicy({ store, now: NOW, tenantId: "acme", policy: policy(["boats"]) });
    expect(v1).toMatchObject({ ok: true, state: { policyVersion: 1, policy: { version: 1, bannedTopics: { keywords: ["cars"] } } } });
    expect(v2).toMatchObject({ ok: true, state: { policyVersion: 2 } });
    expect((await store.getPolicyVersion({ tenantId: "acme", version: 1 }))?.policy?.bannedTopics?.keywords).toEqual(["cars"]);
    expect((await store.getTenant("acme"))?.policy?.bannedTopics?.keywords).toEqual(["boats"]);
  });

  it("rollback restores the previous version as a new version, down to the default policy", async () => {
    const store = await setup();
    await putPolicy({ store, now: NOW, tenantId: "acme", policy: policy(["cars"]) });
    await putPolicy({ store, now: NOW, tenantId: "acme", policy: policy(["boats"]) });
    const back = await rollbackPolicy({ store, now: NOW, tenantId: "acme" });
    expect(back).toMatchObject({ ok: true, restoredVersion: 1, state: { policyVersion: 3, policy: { version: 3, bannedTopics: { keywords: ["cars"] } } } });
    // Version 2 is untouched: audit records that name it still name the same text.
    expect((await store.getPolicyVersion({ tenantId: "acme", version: 2 }))?.policy?.bannedTopics?.keywords).toEqual(["boats"]);

    const fresh = await setup();
    await putPolicy({ store: fresh, now: NOW, tenantId: "acme", policy: policy(["cars"]) });
    expect(await rollbackPolicy({ store: fresh, now: NOW, tenantId: "acme" })).toMatchObject({ ok: true, restoredVersion: 0, state: { policyVersion: 2, policy: null } });
    expect((await fresh.getTenant("acme"))?.policy).toBeUndefined();
  });

  it("has nothing to roll back for a tenant that never set a policy, or a missing tenant", async () => {
    const store = await setup();
    expect(await rollbackPolicy({ store, now: NOW, tenantId: "acme" })).toMatchObject({ ok: false, reason: "no_previous_policy" });
    expect(await putPolicy({ store, now: NOW, tenantId: "ghost", policy: policy([]) })).toMatchObject({ ok: false, reason: "tenant_not_found" });
  });

  it("refuses uncompilable or unsafe banned-topic patterns without writing", async () => {
    const store = await setup();
    const broken = parseValid(policySchema, { bannedTopics: { patterns: ["(unclosed"] } });
    expect(await putPolicy({ store, now: NOW, tenantId: "acme", policy: broken })).toMatchObject({ ok: false, reason: "invalid_policy" });
    // The default check is the banned_topic detector's isSafeRegex: nested quantifiers are refused.
    const nested = parseValid(policySchema, { bannedTopics: { patterns: ["ok", "(a+)+$"] } });
    const refused = await putPolicy({ store, now: NOW, tenantId: "acme", policy: nested });
    expect(refused).toMatchObject({ ok: false, reason: "invalid_policy", message: expect.stringContaining("patterns.1") });
    const strict = await putPolicy({ store, now: NOW, tenantId: "acme", policy: parseValid(policySchema, { bannedTopics: { patterns: ["plain"] } }), isSafePattern: () => ({ safe: false, reason: "test says no" }) });
    expect(strict).toMatchObject({ ok: false, message: expect.stringContaining("test says no") });
    expect((await putPolicy({ store, now: NOW, tenantId: "acme", policy: parseValid(policySchema, { bannedTopics: { patterns: ["\\bcasino\\b"] } }) })).ok).toBe(true);
    expect((await store.getTenant("acme"))?.policyVersion).toBe(1); // only the safe one was written
  });
});
