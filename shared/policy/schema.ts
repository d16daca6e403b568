// Tenant policy: the zod schema, the DESIGN default, and merging a tenant's policy over operator-enforced defaults.
// Detectors only report scores; this file is where "what to do about it" is written down.
import * as z from "zod";
import { CLASSIFIER_MODEL } from "../screening/models/classifier-model";
import { CATEGORIES, type Action, type Category, type Direction } from "../screening/types";

export const ACTIONS = ["allow", "flag", "redact", "block"] as const;
const ACTION_RANK: Record<Action, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

export function strictest(a: Action, b: Action): Action {
  return ACTION_RANK[a] >= ACTION_RANK[b] ? a : b;
}
export function isStricterOrEqual(a: Action, b: Action): boolean {
  return ACTION_RANK[a] >= ACTION_RANK[b];
}

const categoryRuleSchema = z.strictObject({
  action: z.enum(ACTIONS),
  /** Findings scoring below this are ignored for this category. */
  threshold: z.number().min(0).max(1).default(0.5),
  /** Run and audit, but never change the request. */
  shadow: z.boolean().default(false),
});
export type CategoryRule = z.infer<typeof categoryRuleSchema>;

const directionRulesSchema = z.partialRecord(z.enum(CATEGORIES), categoryRuleSchema);

export const MESSAGE_ROLES = ["system", "developer", "user", "assistant", "tool"] as const;

export const policySchema = z.strictObject({
  version: z.number().int().nonnegative().default(1),
  input: directionRulesSchema.default({}),
  output: directionRulesSchema.default({}),
  /** Roles whose text is screened on input. Tool results carry indirect injection, so they are in by default. */
  scanRoles: z.array(z.enum(MESSAGE_ROLES)).default(["system", "developer", "user", "assistant", "tool"]),
  /**
   * Output screening of streams: a rolling window (default) or buffer the whole answer first. In the rolling window,
   * `holdWords` "all" (default) holds a delta's unfinished last word until the next delta, so nothing inside a later
   * match leaves early; "suspicious" releases plain letter words at once (the first token a delta or two sooner) but
   * may let an e-mail's local part out before its "@…" arrives. Key-like words, digit runs and placeholders are held
   * either way.
   */
  streaming: z
    .strictObject({ mode: z.enum(["rolling", "buffer"]).default("rolling"), holdWords: z.enum(["all", "suspicious"]).default("all") })
    .default({ mode: "rolling", holdWords: "all" }),
  /** What happens when a detector throws or times out: closed (block) unless the tenant explicitly opens it. */
  detectorFailure: z.enum(["closed", "open"]).default("closed"),
  detectorTimeoutMs: z.number().int().positive().max(10_000).default(250),
  bannedTopics: z
    .strictObject({
      keywords: z.array(z.string().min(1).max(200)).max(500).default([]),
      patterns: z.array(z.string().min(1).max(200)).max(100).default([]),
    })
    .optional(),
  canaryTokens: z.array(z.string().min(6).max(200)).max(50).optional(),
  exfiltration: z.strictObject({ allowHosts: z.array(z.string().min(1).max(253)).max(200).default([]) }).optional(),
  /** Automated response: `blockedPrompts` blocked prompts from one key within `withinSeconds` suspend that key for
   *  `suspendSeconds` (shared/response/auto-suspend.ts). Off when absent. */
  autoSuspend: z
    .strictObject({
      blockedPrompts: z.number().int().min(1).max(10_000),
      withinSeconds: z.number().int().min(1).max(7 * 24 * 3600),
      suspendSeconds: z.number().int().min(1).max(365 * 24 * 3600),
    })
    .optional(),
  /** Keep a redacted copy of prompt and answer in the audit record. Off by default. */
  auditContent: z.boolean().default(false),
});
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/**
 * Thresholds of the learned categories come from training (chosen on a validation split for a target benign FPR, see
 * docs/classifiers.md), so retraining moves the default with the model; rule-based detectors score far above them.
 */
const trained = Object.fromEntries(CLASSIFIER_MODEL.heads.map((head) => [head.label, head.recommendedThreshold])) as Record<string, number>;

export const DEFAULT_POLICY: Policy = policySchema.parse({
  input: {
    prompt_injection: { action: "block", threshold: trained.prompt_injection },
    jailbreak: { action: "block", threshold: trained.jailbreak },
    harmful_request: { action: "block", threshold: trained.harmful_request },
    pii: { action: "redact" },
    secret: { action: "redact" },
    invisible_text: { action: "redact" },
    toxicity: { action: "flag", threshold: trained.toxicity },
    banned_topic: { action: "block" },
  },
  output: {
    pii: { action: "redact" },
    secret: { action: "redact" },
    exfiltration: { action: "redact" },
    canary_leak: { action: "block" },
    toxicity: { action: "block", threshold: trained.toxicity },
    banned_topic: { action: "block" },
  },
});

/** The rule a direction applies to a category; categories a policy does not name are allowed. */
export function ruleFor(policy: Policy, direction: Direction, category: Category): CategoryRule {
  return policy[direction][category] ?? { action: "allow", threshold: 0.5, shadow: false };
}

/**
 * Applies a tenant policy on top of operator-enforced rules: for every enforced category the result is at least as
 * strict (action no weaker, threshold no higher, never shadow). Tenants may tighten, never loosen.
 */
export function enforce(options: { tenant: Policy; enforced: Policy }): Policy {
  const { tenant, enforced } = options;
  const merged: Policy = { ...tenant, input: { ...tenant.input }, output: { ...tenant.output } };
  for (const direction of ["input", "output"] as const) {
    for (const category of CATEGORIES) {
      const floor = enforced[direction][category];
      if (!floor) continue;
      const own = tenant[direction][category];
      merged[direction][category] = own
        ? {
            action: strictest(own.action, floor.action),
            threshold: Math.min(own.threshold, floor.threshold),
            shadow: own.shadow && floor.shadow,
          }
        : floor;
    }
  }
  if (enforced.detectorFailure === "closed") merged.detectorFailure = "closed";
  if (enforced.streaming.holdWords === "all") merged.streaming = { ...merged.streaming, holdWords: "all" };
  return merged;
}
