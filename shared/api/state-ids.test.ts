// Tenant-bound provider-state ids: both runtimes' HMAC taggers agree with the standard (RFC 4231), an id binds and
// unbinds for its own tenant only, and anything else (another tenant's, tampered, raw, another secret's) unbinds to
// nothing.
import { describe, expect, it } from "vitest";
import { createHmacTagger as nodeTagger } from "../auth/hmac-tag.node";
import { createHmacTagger as workerdTagger } from "../auth/hmac-tag.workerd";
import { createStateIdBinder, looksBound } from "./state-ids";

describe("HMAC taggers", () => {
  it("give RFC 4231's HMAC-SHA256 (test case 2), cut to the bytes asked for, the same in both runtimes", async () => {
    const full = Buffer.from("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hex");
    for (const create of [nodeTagger, workerdTagger]) {
      expect(await create({ secret: "Jefe", bytes: 16 })("what do ya want for nothing?")).toBe(full.subarray(0, 16).toString("base64url"));
      expect(await create({ secret: "Jefe", bytes: 32 })("what do ya want for nothing?")).toBe(full.toString("base64url"));
    }
    const text = "acme\u0000resp_é✓🔑";
    expect(await workerdTagger({ secret: "s".repeat(40), bytes: 16 })(text)).toBe(await nodeTagger({ secret: "s".repeat(40), bytes: 16 })(text));
  });
});

describe("createStateIdBinder", () => {
  const binder = createStateIdBinder({ secret: "a-secret-of-at-least-32-characters!" });

  it("binds an id for a tenant and gives it back to that tenant only", async () => {
    const bound = await binder.bind({ tenant: "acme", id: "resp_68b1f0" });
    expect(bound).toMatch(/^resp_68b1f0\.eg1[A-Za-z0-9_-]{22}$/);
    expect(looksBound(bound)).toBe(true);
    expect(await binder.unbind({ tenant: "acme", bound })).toBe("resp_68b1f0");
    expect(await binder.unbind({ tenant: "globex", bound })).toBeUndefined();
  });

  it("refuses raw, tampered and foreign ids", async () => {
    const bound = await binder.bind({ tenant: "acme", id: "msg_1" });
    const other = createStateIdBinder({ secret: "another-secret-of-at-least-32-chars" });
    const flipped = bound.slice(0, -1) + (bound.endsWith("A") ? "B" : "A");
    for (const candidate of ["msg_1", flipped, `msg_2${bound.slice("msg_1".length)}`, bound + "x", ".eg1" + bound.slice(-22)]) {
      expect(await binder.unbind({ tenant: "acme", bound: candidate })).toBeUndefined();
    }
    expect(await other.unbind({ tenant: "acme", bound })).toBeUndefined();
    expect(looksBound("resp_68b1f0")).toBe(false);
  });

  it("refuses a secret shorter than 32 characters (one read from the environment is not checked by the config)", () => {
    expect(() => createStateIdBinder({ secret: "s".repeat(31) })).toThrow(/at least 32 characters/);
    expect(() => createStateIdBinder({ secret: "s".repeat(32) })).not.toThrow();
  });

  it("keeps tenant and id apart in the tag: ('ab', 'c') is not ('a', 'bc')", async () => {
    const bound = await binder.bind({ tenant: "ab", id: "c" });
    expect(await binder.unbind({ tenant: "a", bound: `bc${bound.slice(1)}` })).toBeUndefined();
  });
});
