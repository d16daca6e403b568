// Key issue/rotate/revoke as pure transitions, judged by the gateway's own checkKeyRecord on an injected clock.
import { describe, expect, it } from "vitest";
import { validate } from "../validation/validate";
import { sha256Hex } from "./api-key";
import { DEFAULT_GRACE_MS, issueKey, keySettingsSchema, publicKeyView, rotateKey, withStatus } from "./key-lifecycle";
import { checkKeyRecord } from "./verify-key";

const T0 = Date.parse("2026-05-01T00:00:00Z");
const accepts = async (options: { key: string; record: Parameters<typeof checkKeyRecord>[0]["record"]; now: number }) =>
  checkKeyRecord({ presentedSha256: await sha256Hex(options.key), record: options.record, now: options.now });

describe("issueKey", () => {
  it("returns the plaintext once and stores only its sha256", async () => {
    const { key, record } = await issueKey({ tenantId: "acme", settings: { scopes: ["chat"] }, now: T0 });
    expect(key).toMatch(new RegExp(`^eg_${record.id}_[A-Za-z0-9]{40}$`));
    expect(record.sha256).toBe(await sha256Hex(key));
    expect(JSON.stringify(record)).not.toContain(key.split("_")[2]);
    expect(record).toMatchObject({ tenantId: "acme", status: "active", scopes: ["chat"], createdAt: new Date(T0).toISOString() });
    expect(await accepts({ key, record, now: T0 })).toEqual({ ok: true });
  });

  it("publicKeyView drops the hash and reports usability", async () => {
    const { record } = await issueKey({ tenantId: "acme", settings: {}, now: T0 });
    const view = publicKeyView(record, T0);
    expect(view).not.toHaveProperty("sha256");
    expect(JSON.stringify(view)).not.toContain(record.sha256);
    expect(view.usable).toBe(true);
    expect(publicKeyView(withStatus(record, "revoked"), T0).usable).toBe(false);
  });
});

describe("rotateKey", () => {
  it("keeps the old key working until graceUntil, the new one from the start, on an injected clock", async () => {
    const old = await issueKey({ tenantId: "acme", settings: { models: ["gpt-*"], maxTokens: 100 }, now: T0 });
    const rotatedAt = T0 + 60_000;
    const rotated = await rotateKey({ old: old.record, now: rotatedAt, graceMs: 3_600_000 });
    if (!rotated.ok) throw new Error(rotated.reason);
    const { issued, previous } = rotated;
    expect(issued.record).toMatchObject({ tenantId: "acme", models: ["gpt-*"], maxTokens: 100, status: "active" });
    expect(issued.record.id).not.toBe(old.record.id);
    expect(previous).toMatchObject({ replacedBy: issued.record.id, rotatedAt: new Date(rotatedAt).toISOString(), graceUntil: new Date(rotatedAt + 3_600_000).toISOString() });

    for (const at of [rotatedAt, rotatedAt + 3_599_999]) {
      expect(await accepts({ key: old.key, record: previous, now: at })).toEqual({ ok: true });
      expect(await accepts({ key: issued.key, record: issued.record, now: at })).toEqual({ ok: true });
    }
    expect(await accepts({ key: old.key, record: previous, now: rotatedAt + 3_600_000 })).toEqual({ ok: false, reason: "expired" });
    expect(await accepts({ key: issued.key, record: issued.record, now: rotatedAt + 3_600_000 })).toEqual({ ok: true });
    // Keys are not interchangeable: the old secret does not open the new record.
    expect(await accepts({ key: old.key, record: issued.record, now: rotatedAt })).toEqual({ ok: false, reason: "wrong_secret" });
  });

  it("defaults to a 24 h grace, and grace 0 ends the old key at once", async () => {
    const old = await issueKey({ tenantId: "acme", settings: {}, now: T0 });
    const defaulted = await rotateKey({ old: old.record, now: T0 });
    expect(defaulted.ok && Date.parse(defaulted.previous.graceUntil!) - T0).toBe(DEFAULT_GRACE_MS);
    const immediate = await rotateKey({ old: old.record, now: T0, graceMs: 0 });
    if (!immediate.ok) throw new Error(immediate.reason);
    expect(await accepts({ key: old.key, record: immediate.previous, now: T0 })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses rotating a rotated, revoked or expired key, and absurd grace periods", async () => {
    const old = await issueKey({ tenantId: "acme", settings: {}, now: T0 });
    const once = await rotateKey({ old: old.record, now: T0 });
    expect(once.ok && (await rotateKey({ old: once.previous, now: T0 }))).toEqual({ ok: false, reason: "already_rotated" });
    expect(await rotateKey({ old: withStatus(old.record, "revoked"), now: T0 })).toEqual({ ok: false, reason: "not_active" });
    const expired = { ...old.record, expiresAt: new Date(T0 - 1).toISOString() };
    expect(await rotateKey({ old: expired, now: T0 })).toEqual({ ok: false, reason: "not_active" });
    expect(await rotateKey({ old: old.record, now: T0, graceMs: -1 })).toEqual({ ok: false, reason: "bad_grace" });
    expect(await rotateKey({ old: old.record, now: T0, graceMs: 31 * 24 * 3_600_000 })).toEqual({ ok: false, reason: "bad_grace" });
  });
});

describe("expiry times", () => {
  it("an expiry that does not parse refuses the key (fail closed), and so does a grace time", async () => {
    const { key, record } = await issueKey({ tenantId: "acme", settings: {}, now: T0 });
    for (const time of ["2030-01-01T00:00:00+01", "2030-01-01T00:00:00 +01:00", "not a time"]) {
      expect(await accepts({ key, record: { ...record, expiresAt: time }, now: T0 })).toEqual({ ok: false, reason: "expired" });
      expect(await accepts({ key, record: { ...record, graceUntil: time }, now: T0 })).toEqual({ ok: false, reason: "expired" });
    }
    expect(await accepts({ key, record: { ...record, expiresAt: "2030-01-01T00:00:00+01:00" }, now: T0 })).toEqual({ ok: true });
  });

  it("the admin API's settings refuse times Date.parse cannot read, and accept Z and offset times", () => {
    for (const time of ["2030-01-01T00:00:00+01", "2030-01-01T00:00:00 +01:00", "2030-01-01", "2030-01-01T00:00Z"]) {
      expect(validate(keySettingsSchema, { expiresAt: time }).ok, time).toBe(false);
    }
    for (const time of ["2030-01-01T00:00:00Z", "2030-01-01T00:00:00.123Z", "2030-01-01T00:00:00+01:00", "2030-01-01T00:00:00-0530"]) {
      expect(validate(keySettingsSchema, { expiresAt: time }).ok, time).toBe(true);
    }
  });
});
