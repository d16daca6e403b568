// The policy a request runs under: the tenant's own merged over the default, then the operator's floor. Covered here
// for streaming.holdWords and verbatimText, loosenings ("suspicious" lets plain words out a delta sooner, "flag" lets
// unredactable text through) the floor can forbid; providerTools, which a floor of "none" holds; and providerState,
// held at the floor's strictness; instructionRoles, capped at the floor's list.
import { describe, expect, it } from "vitest";
import { parseValid, validate } from "../validation/validate";
import { effectivePolicy } from "./effective";
import { DEFAULT_POLICY, policySchema } from "./schema";

const tenantWith = (policy: unknown) => ({ id: "t", policyVersion: 1, policy: parseValid(policySchema, policy) });

describe("effectivePolicy: streaming.holdWords", () => {
  it('defaults to "all"', () => {
    expect(DEFAULT_POLICY.streaming).toEqual({ mode: "rolling", holdWords: "all" });
    expect(effectivePolicy({ tenant: { id: "t", policyVersion: 0 } }).streaming.holdWords).toBe("all");
  });

  it('keeps a tenant\'s "suspicious" when no floor is enforced', () => {
    const tenant = tenantWith({ streaming: { holdWords: "suspicious" } });
    expect(effectivePolicy({ tenant }).streaming).toEqual({ mode: "rolling", holdWords: "suspicious" });
  });

  it('an enforced policy holds every word unless it says "suspicious" itself (like detectorFailure)', () => {
    const tenant = tenantWith({ streaming: { mode: "buffer", holdWords: "suspicious" } });
    const floor = parseValid(policySchema, { input: { toxicity: { action: "block" } } });
    expect(effectivePolicy({ tenant, enforced: floor }).streaming).toEqual({ mode: "buffer", holdWords: "all" });
    const lenientFloor = parseValid(policySchema, { streaming: { holdWords: "suspicious" } });
    expect(effectivePolicy({ tenant, enforced: lenientFloor }).streaming.holdWords).toBe("suspicious");
    expect(effectivePolicy({ tenant: tenantWith({}), enforced: lenientFloor }).streaming.holdWords).toBe("all");
  });

  it("rejects an unknown value", () => {
    expect(validate(policySchema, { streaming: { holdWords: "none" } }).ok).toBe(false);
  });
});

// Two-valued settings whose stricter value an operator floor holds over any tenant.
describe.each([
  { field: "providerTools", loose: "allow", strict: "none", invalid: "some" },
  { field: "resentAnswers", loose: "delivered", strict: "screen", invalid: "trust" },
] as const)("effectivePolicy: $field", ({ field, loose, strict, invalid }) => {
  it(`is "${loose}" by default; a tenant may choose "${strict}", and an operator floor of "${strict}" holds over a tenant`, () => {
    expect(effectivePolicy({ tenant: { id: "t", policyVersion: 0 } })[field]).toBe(loose);
    expect(effectivePolicy({ tenant: tenantWith({ [field]: strict }) })[field]).toBe(strict);
    const floor = parseValid(policySchema, { [field]: strict });
    expect(effectivePolicy({ tenant: tenantWith({ [field]: loose }), enforced: floor })[field]).toBe(strict);
    expect(effectivePolicy({ tenant: tenantWith({ [field]: strict }), enforced: parseValid(policySchema, {}) })[field]).toBe(strict);
    expect(validate(policySchema, { [field]: invalid }).ok).toBe(false);
  });
});

describe("effectivePolicy: providerState", () => {
  it('is "tenant" by default; a tenant may loosen it to "shared" or tighten it to "none"', () => {
    expect(effectivePolicy({ tenant: { id: "t", policyVersion: 0 } }).providerState).toBe("tenant");
    expect(effectivePolicy({ tenant: tenantWith({ providerState: "shared" }) }).providerState).toBe("shared");
    expect(effectivePolicy({ tenant: tenantWith({ providerState: "none" }) }).providerState).toBe("none");
    expect(validate(policySchema, { providerState: "private" }).ok).toBe(false);
  });

  it("an operator floor holds a tenant at its own strictness or stricter: shared < tenant < none", () => {
    const floor = (providerState?: string) => parseValid(policySchema, providerState ? { providerState } : {});
    const under = (tenant: string, enforced: ReturnType<typeof floor>) => effectivePolicy({ tenant: tenantWith({ providerState: tenant }), enforced }).providerState;
    expect(under("shared", floor())).toBe("tenant"); // a floor that says nothing holds the default, like detectorFailure
    expect(under("shared", floor("shared"))).toBe("shared");
    expect(under("none", floor("shared"))).toBe("none");
    expect(under("tenant", floor("none"))).toBe("none");
    expect(under("none", floor("tenant"))).toBe("none");
  });
});

describe("effectivePolicy: verbatimText", () => {
  it('is "block" by default; a tenant may choose "flag", which an enforced policy overrules unless it says "flag" itself', () => {
    expect(effectivePolicy({ tenant: { id: "t", policyVersion: 0 } }).verbatimText).toBe("block");
    const tenant = tenantWith({ verbatimText: "flag" });
    expect(effectivePolicy({ tenant }).verbatimText).toBe("flag");
    expect(effectivePolicy({ tenant, enforced: parseValid(policySchema, {}) }).verbatimText).toBe("block");
    expect(effectivePolicy({ tenant, enforced: parseValid(policySchema, { verbatimText: "flag" }) }).verbatimText).toBe("flag");
    expect(validate(policySchema, { verbatimText: "redact" }).ok).toBe(false);
  });
});

describe("effectivePolicy: instructionRoles", () => {
  it("is empty by default; a tenant may name roles, which an enforced policy caps at the roles it names itself", () => {
    expect(effectivePolicy({ tenant: { id: "t", policyVersion: 0 } }).instructionRoles).toEqual([]);
    const tenant = tenantWith({ instructionRoles: ["system", "developer"] });
    expect(effectivePolicy({ tenant }).instructionRoles).toEqual(["system", "developer"]);
    expect(effectivePolicy({ tenant, enforced: parseValid(policySchema, {}) }).instructionRoles).toEqual([]);
    expect(effectivePolicy({ tenant, enforced: parseValid(policySchema, { instructionRoles: ["system"] }) }).instructionRoles).toEqual(["system"]);
    expect(validate(policySchema, { instructionRoles: ["narrator"] }).ok).toBe(false);
  });
});
