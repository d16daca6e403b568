// Tenant and key administration over the KV admin store (in-memory KV): isolation between tenants, what is stored
// (never a plaintext key), and the write order of deletes.
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../auth/api-key";
import { createKvAdminStore } from "./kv-admin-store";
import { createMemoryKv } from "./memory-kv";
import { createKey, createTenant, deleteTenant, listKeys, publicTenantView, rotateTenantKey, setKeyStatus } from "./tenant-admin";

const NOW = Date.parse("2026-05-01T00:00:00Z");

async function twoTenants() {
  const kv = createMemoryKv();
  const store = createKvAdminStore(kv);
  for (const id of ["alpha", "beta"]) expect((await createTenant({ store, now: NOW, input: { id } })).ok).toBe(true);
  const a = await createKey({ store, now: NOW, tenantId: "alpha", settings: {} });
  const b = await createKey({ store, now: NOW, tenantId: "beta", settings: { scopes: ["chat"] } });
  if (!a.ok || !b.ok) throw new Error("setup");
  return { kv, store, a, b };
}

describe("tenants and keys", () => {
  it("refuses a duplicate tenant and keys for a missing tenant", async () => {
    const { store } = await twoTenants();
    expect(await createTenant({ store, now: NOW, input: { id: "alpha" } })).toMatchObject({ ok: false, reason: "tenant_exists" });
    expect(await createKey({ store, now: NOW, tenantId: "nobody", settings: {} })).toMatchObject({ ok: false, reason: "tenant_not_found" });
  });

  it("stores only hashes: no plaintext key or secret anywhere in KV", async () => {
    const { kv, a, b } = await twoTenants();
    const everything = [...kv.entries.values()].join("\n");
    for (const issued of [a, b]) {
      expect(everything).not.toContain(issued.key);
      expect(everything).not.toContain(issued.key.split("_")[2]);
      expect(everything).toContain(await sha256Hex(issued.key));
    }
  });

  it("lists a tenant's own keys only, without hashes", async () => {
    const { store, a, b } = await twoTenants();
    const listed = await listKeys({ store, now: NOW, tenantId: "alpha" });
    expect(listed.ok && listed.keys.map((k) => k.id)).toEqual([a.view.id]);
    expect(JSON.stringify(listed)).not.toContain(await sha256Hex(a.key));
    expect(JSON.stringify(listed)).not.toContain(b.view.id);
  });

  it("never lets one tenant's path touch another tenant's key", async () => {
    const { store, b } = await twoTenants();
    const cross = { store, now: NOW, tenantId: "alpha", keyId: b.view.id };
    expect(await setKeyStatus({ ...cross, status: "revoked" })).toMatchObject({ ok: false, reason: "key_not_found" });
    expect(await rotateTenantKey(cross)).toMatchObject({ ok: false, reason: "key_not_found" });
    expect((await store.getKey(b.view.id))?.status).toBe("active");
  });

  it("revoked keys cannot be resumed; suspended ones can", async () => {
    const { store, a } = await twoTenants();
    const ids = { store, now: NOW, tenantId: "alpha", keyId: a.view.id };
    expect(await setKeyStatus({ ...ids, status: "suspended" })).toMatchObject({ ok: true, view: { status: "suspended", usable: false } });
    expect(await setKeyStatus({ ...ids, status: "active" })).toMatchObject({ ok: true, view: { status: "active", usable: true } });
    expect(await setKeyStatus({ ...ids, status: "revoked" })).toMatchObject({ ok: true });
    expect(await setKeyStatus({ ...ids, status: "active" })).toMatchObject({ ok: false, reason: "key_not_active" });
  });

  it("rotation indexes the successor and marks the old key", async () => {
    const { store, a } = await twoTenants();
    const rotated = await rotateTenantKey({ store, now: NOW, tenantId: "alpha", keyId: a.view.id, graceMs: 60_000 });
    if (!rotated.ok) throw new Error(rotated.reason);
    expect(await store.listKeyIds("alpha")).toEqual([a.view.id, rotated.view.id]);
    expect(await store.getKey(a.view.id)).toMatchObject({ replacedBy: rotated.view.id, graceUntil: new Date(NOW + 60_000).toISOString() });
  });

  it("deleting a tenant deletes its keys and leaves the other tenant alone", async () => {
    const { kv, store, a, b } = await twoTenants();
    expect(await deleteTenant({ store, tenantId: "alpha" })).toEqual({ ok: true, deletedKeys: 1 });
    expect(await store.getKey(a.view.id)).toBeNull();
    expect(await store.getTenant("alpha")).toBeNull();
    expect(await store.getKey(b.view.id)).not.toBeNull();
    expect([...kv.entries.keys()].filter((k) => k.includes("alpha"))).toEqual([]);
    expect(await deleteTenant({ store, tenantId: "alpha" })).toMatchObject({ ok: false, reason: "tenant_not_found" });
  });

  it("never shows a tenant's shared end-user secret back", () => {
    const secret = "x".repeat(40);
    const view = publicTenantView({ id: "t", policyVersion: 0, endUserAuth: { type: "hs256", secret, required: false } });
    expect(JSON.stringify(view)).not.toContain(secret);
  });
});
