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

describe("effectivePolicy: category rules under an operator floor", () => {
  const floor = parseValid(policySchema, {
    input: { toxicity: { action: "block", threshold: 0.7 }, pii: { action: "redact", types: { credit_card: "block" } } },
  });

  it("a tenant's rule is at least as strict as the floor's: action no weaker, threshold no higher, never shadow", () => {
    const tenant = tenantWith({ input: { toxicity: { action: "flag", threshold: 0.9, shadow: true } } });
    expect(effectivePolicy({ tenant, enforced: floor }).input.toxicity).toEqual({ action: "block", threshold: 0.7, shadow: false });
    const stricter = tenantWith({ input: { toxicity: { action: "block", threshold: 0.3 } } });
    expect(effectivePolicy({ tenant: stricter, enforced: floor }).input.toxicity).toEqual({ action: "block", threshold: 0.3, shadow: false });
  });

  it("holds span types type by type: a tenant may not allow what the floor acts on, and keeps what it tightens", () => {
    const tenant = tenantWith({ input: { pii: { action: "redact", types: { credit_card: "allow", email: "allow", ssn: "block" } } } });
    expect(effectivePolicy({ tenant, enforced: floor }).input.pii).toEqual({
      action: "redact",
      threshold: 0.5,
      shadow: false,
      // credit_card: the floor's block; email: the floor's redact (its rule's own action); ssn: the tenant's block.
      types: { credit_card: "block", email: "redact", ssn: "block" },
    });
    // A tenant rule without types still gets the floor's.
    const plain = tenantWith({ input: { pii: { action: "flag" } } });
    expect(effectivePolicy({ tenant: plain, enforced: floor }).input.pii?.types).toEqual({ credit_card: "block" });
    // A tenant's types under a floor without: each type at least the floor's action.
    const openFloor = parseValid(policySchema, { input: { pii: { action: "flag" } } });
    const allowing = tenantWith({ input: { pii: { action: "redact", types: { email: "allow", iban: "block" } } } });
    expect(effectivePolicy({ tenant: allowing, enforced: openFloor }).input.pii?.types).toEqual({ email: "flag", iban: "block" });
  });
});

describe("effectivePolicy: allowValues under an operator floor", () => {
  it("keeps only the values the floor's rule allows too", () => {
    const tenant = tenantWith({ output: { pii: { action: "redact", allowValues: ["1-800-273-8255", "ops@acme.com"] } } });
    const strictFloor = parseValid(policySchema, { output: { pii: { action: "redact" } } });
    expect(effectivePolicy({ tenant, enforced: strictFloor }).output.pii?.allowValues).toBeUndefined();
    const floor = parseValid(policySchema, { output: { pii: { action: "redact", allowValues: ["1-800-273-8255"] } } });
    expect(effectivePolicy({ tenant, enforced: floor }).output.pii?.allowValues).toEqual(["1-800-273-8255"]);
    expect(effectivePolicy({ tenant }).output.pii?.allowValues).toEqual(["1-800-273-8255", "ops@acme.com"]);
  });
});

describe("policySchema: a rule's span types", () => {
  it("takes types on pii and secret rules, each of its own category's span types", () => {
    expect(validate(policySchema, { input: { pii: { action: "redact", types: { email: "allow", ip_address: "flag" } } } }).ok).toBe(true);
    expect(validate(policySchema, { output: { secret: { action: "redact", types: { jwt: "block" } } } }).ok).toBe(true);
  });

  it("refuses another category's span type, an unknown type or action, types on a category without typed spans, and unknown categories", () => {
    const problems = (policy: unknown) => {
      const result = validate(policySchema, policy);
      return result.ok ? [] : result.problems.map((problem) => problem.path);
    };
    expect(problems({ input: { pii: { action: "redact", types: { jwt: "allow" } } } })).toEqual(["input.pii.types.jwt"]);
    expect(problems({ input: { pii: { action: "redact", types: { emails: "allow" } } } })).toEqual(["input.pii.types.emails"]);
    expect(problems({ input: { pii: { action: "redact", types: { email: "ignore" } } } })).toEqual(["input.pii.types.email"]);
    expect(problems({ input: { jailbreak: { action: "block", types: { email: "allow" } } } })).toEqual(["input.jailbreak.types"]);
    expect(problems({ input: { banned_topic: { action: "block", allowValues: ["x"] } } })).toEqual(["input.banned_topic.allowValues"]);
    expect(problems({ input: { pii: { action: "redact", allowValues: [""] } } })).toEqual(["input.pii.allowValues.0"]);
    expect(problems({ input: { pii_data: { action: "block" } } })).toEqual(["input.pii_data"]);
    expect(problems({ input: [] })).toEqual(["input"]);
  });
});
