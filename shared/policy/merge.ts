// Merges a partial policy over a base: per direction, per category (a policy naming only `toxicity` keeps the base's
// rules for everything else); top-level settings of the override win.
import type { Policy } from "./schema";

export function mergePolicy(options: { base: Policy; override: Policy }): Policy {
  const { base, override } = options;
  return {
    ...base,
    ...override,
    input: { ...base.input, ...override.input },
    output: { ...base.output, ...override.output },
  };
}
