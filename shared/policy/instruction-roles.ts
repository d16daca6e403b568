// The policy a request text is screened under given its role: the application's own instructions
// (policy.instructionRoles, e.g. a system prompt) are not screened for the categories that flag instructions for
// being instructions. Memoised per policy object, so the clean-text cache sees one stable policy per role kind.
import type { Category } from "../screening/types";
import type { MESSAGE_ROLES, Policy } from "./schema";

type MessageRole = (typeof MESSAGE_ROLES)[number];

/** What an app's system prompt is made of: rules for the model, which these two categories read as attacks. */
export const INSTRUCTION_CATEGORIES: readonly Category[] = ["prompt_injection", "jailbreak"];

const forInstructions = new WeakMap<Policy, Policy>();

/** The policy for a text of `role`: the policy itself, or (for an instruction role) it without the input rules above. */
export function policyForRole(options: { policy: Policy; role: MessageRole }): Policy {
  const { policy, role } = options;
  if (!policy.instructionRoles.includes(role)) return policy;
  let derived = forInstructions.get(policy);
  if (!derived) {
    const input = { ...policy.input };
    for (const category of INSTRUCTION_CATEGORIES) delete input[category];
    forInstructions.set(policy, (derived = { ...policy, input }));
  }
  return derived;
}
