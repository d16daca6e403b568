// policyForRole: texts of the policy's instruction roles are screened without the prompt_injection and jailbreak
// input rules, and with every other rule as it was; other roles, and a policy naming none, keep the policy itself.
import { describe, expect, it } from "vitest";
import { policyForRole } from "./instruction-roles";
import { DEFAULT_POLICY, type Policy } from "./schema";

const trusting: Policy = { ...DEFAULT_POLICY, instructionRoles: ["system", "developer"] };

describe("policyForRole", () => {
  it("keeps the policy itself for every role when it names no instruction roles (the default)", () => {
    for (const role of ["system", "developer", "user", "assistant", "tool"] as const) {
      expect(policyForRole({ policy: DEFAULT_POLICY, role })).toBe(DEFAULT_POLICY);
    }
  });

  it("drops only the prompt_injection and jailbreak input rules for an instruction role", () => {
    const forSystem = policyForRole({ policy: trusting, role: "system" });
    expect(forSystem.input.prompt_injection).toBeUndefined();
    expect(forSystem.input.jailbreak).toBeUndefined();
    const { prompt_injection: _injection, jailbreak: _jailbreak, ...rest } = trusting.input;
    expect(forSystem.input).toEqual(rest);
    expect(forSystem.output).toEqual(trusting.output);
    expect(trusting.input.prompt_injection?.action).toBe("block"); // the policy itself is not changed
  });

  it("keeps the policy for the other roles, and gives one derived object per policy (the clean-text cache keys on it)", () => {
    expect(policyForRole({ policy: trusting, role: "user" })).toBe(trusting);
    expect(policyForRole({ policy: trusting, role: "tool" })).toBe(trusting);
    expect(policyForRole({ policy: trusting, role: "developer" })).toBe(policyForRole({ policy: trusting, role: "system" }));
  });
});
