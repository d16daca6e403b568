// The policy a request text is screened under given what it is: the application's own instructions
// (policy.instructionRoles, e.g. a system prompt) are not screened for the categories that flag instructions for
// being instructions, and an answer the gateway delivered, resent as history (policy.resentAnswers), is not screened
// for the categories of requests. Memoised per policy object, so the clean-text cache sees one stable policy per kind.
import type { Category } from "../screening/types";
import type { MESSAGE_ROLES, Policy } from "./schema";

type MessageRole = (typeof MESSAGE_ROLES)[number];

/** What an app's system prompt is made of: rules for the model, which these two categories read as attacks. */
export const INSTRUCTION_CATEGORIES: readonly Category[] = ["prompt_injection", "jailbreak"];
/** What a request is judged for and an answer is not: a delivered answer resent as history is no request. */
export const REQUEST_CATEGORIES: readonly Category[] = ["prompt_injection", "jailbreak", "harmful_request"];

const forInstructions = new WeakMap<Policy, Policy>();
const forDeliveredAnswers = new WeakMap<Policy, Policy>();

/** `policy` without input rules for `categories`: their findings are then allowed, and still audited. */
function withoutInputRules(options: { policy: Policy; categories: readonly Category[]; memo: WeakMap<Policy, Policy> }): Policy {
  const { policy, memo } = options;
  let derived = memo.get(policy);
  if (!derived) {
    const input = { ...policy.input };
    for (const category of options.categories) delete input[category];
    memo.set(policy, (derived = { ...policy, input }));
  }
  return derived;
}

/** The policy for a text of `role`: the policy itself, or (for an instruction role) it without the input rules above. */
export function policyForRole(options: { policy: Policy; role: MessageRole }): Policy {
  const { policy, role } = options;
  if (!policy.instructionRoles.includes(role)) return policy;
  return withoutInputRules({ policy, categories: INSTRUCTION_CATEGORIES, memo: forInstructions });
}

/** The policy for an assistant text known to be an answer this gateway delivered: no request-category rules. */
export function policyForDeliveredAnswer(policy: Policy): Policy {
  return withoutInputRules({ policy, categories: REQUEST_CATEGORIES, memo: forDeliveredAnswers });
}
