import { describe, expect, it } from "vitest";
import { parseValid } from "../validation/validate";
import { mergePolicy } from "./merge";
import { DEFAULT_POLICY, policySchema } from "./schema";

describe("mergePolicy", () => {
  it("keeps the base's rules for categories the override does not name", () => {
    const merged = mergePolicy({ base: DEFAULT_POLICY, override: { input: { toxicity: { action: "block" } } } });
    expect(merged.input.toxicity).toEqual({ action: "block", threshold: 0.5, shadow: false });
    expect(merged.input.prompt_injection).toEqual(DEFAULT_POLICY.input.prompt_injection);
    expect(merged.input.pii).toEqual(DEFAULT_POLICY.input.pii);
    expect(merged.output).toEqual(DEFAULT_POLICY.output);
  });

  it("replaces a named category rule whole, so a tenant can turn a category off", () => {
    const merged = mergePolicy({
      base: DEFAULT_POLICY,
      override: { output: { toxicity: { action: "allow", threshold: 0.9 } } },
    });
    expect(merged.output.toxicity).toEqual({ action: "allow", threshold: 0.9, shadow: false });
  });

  it("only changes the top-level settings the override names", () => {
    const base = mergePolicy({ base: DEFAULT_POLICY, override: { detectorTimeoutMs: 900, auditContent: true } });
    expect(base.detectorTimeoutMs).toBe(900);
    const merged = mergePolicy({ base, override: { detectorFailure: "open", canaryTokens: ["CANARY-123"] } });
    expect(merged.detectorTimeoutMs).toBe(900);
    expect(merged.auditContent).toBe(true);
    expect(merged.detectorFailure).toBe("open");
    expect(merged.canaryTokens).toEqual(["CANARY-123"]);
  });

  it("accepts an already parsed policy (all settings named) and does not mutate either side", () => {
    const override = parseValid(policySchema, { input: { jailbreak: { action: "flag" } } });
    const before = JSON.stringify(DEFAULT_POLICY);
    const merged = mergePolicy({ base: DEFAULT_POLICY, override });
    expect(merged.input.jailbreak?.action).toBe("flag");
    expect(merged.input.prompt_injection?.action).toBe("block");
    expect(JSON.stringify(DEFAULT_POLICY)).toBe(before);
  });

  it("rejects an invalid override", () => {
    expect(() => mergePolicy({ base: DEFAULT_POLICY, override: { input: { nonsense: { action: "block" } } } as never })).toThrow();
    expect(() => mergePolicy({ base: DEFAULT_POLICY, override: { unknownField: 1 } as never })).toThrow();
  });
});
