// The policy a request runs under: the tenant's own merged over the default, then the operator's floor. Covered here
// for streaming.holdWords and verbatimText, loosenings ("suspicious" lets plain words out a delta sooner, "flag" lets
// unredactable text through) the floor can forbid, and for providerState and providerTools, which a floor of "none" holds.
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

describe("effectivePolicy: providerState and providerTools", () => {
  it.each([
    { field: "providerState", loose: "shared", invalid: "private" },
    { field: "providerTools", loose: "allow", invalid: "some" },
  ] as const)('$field is "$loose" by default; a tenant may choose "none", and an operator floor of "none" holds over a tenant', ({ field, loose, invalid }) => {
    expect(effectivePolicy({ tenant: { id: "t", policyVersion: 0 } })[field]).toBe(loose);
    expect(effectivePolicy({ tenant: tenantWith({ [field]: "none" }) })[field]).toBe("none");
    const floor = parseValid(policySchema, { [field]: "none" });
    expect(effectivePolicy({ tenant: tenantWith({ [field]: loose }), enforced: floor })[field]).toBe("none");
    expect(validate(policySchema, { [field]: invalid }).ok).toBe(false);
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
