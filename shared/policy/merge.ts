// Merges a policy over a base: per direction, per category (a policy naming only `toxicity` keeps the base's rules
// for everything else); a category rule is replaced whole. Top-level settings the override names win; settings it
// leaves out keep the base's value (not the schema default), so a raw policy file only changes what it says.
import { parseValid } from "../validation/validate";
import { type Policy, type PolicyInput, policySchema } from "./schema";

export function mergePolicy(options: { base: Policy; override: Policy | PolicyInput }): Policy {
  const { base } = options;
  const raw = options.override as Record<string, unknown>;
  // Validates the override and fills per-rule defaults (threshold, shadow); which keys it named comes from `raw`.
  const parsed = parseValid(policySchema, raw);
  const merged: Policy = { ...base, input: { ...base.input }, output: { ...base.output } };
  for (const key of Object.keys(parsed) as Array<keyof Policy>) {
    if (!Object.hasOwn(raw, key) || key === "input" || key === "output") continue;
    (merged as Record<string, unknown>)[key] = parsed[key];
  }
  Object.assign(merged.input, parsed.input);
  Object.assign(merged.output, parsed.output);
  return merged;
}
