import { describe, expect, it } from "vitest";
import { CLASSIFIER_METADATA } from "../screening/models/classifier-model";
import { parseValid } from "../validation/validate";
import { DEFAULT_POLICY, policySchema } from "./schema";

describe("DEFAULT_POLICY", () => {
  it("is its own parse: every default the schema fills is written in the built value", () => {
    expect(parseValid(policySchema, DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it("is the parse of DESIGN's default, the learned categories at their trained thresholds", () => {
    const trained = Object.fromEntries(CLASSIFIER_METADATA.heads.map((head) => [head.label, head.recommendedThreshold]));
    const parsed = parseValid(policySchema, {
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
    expect(DEFAULT_POLICY).toEqual(parsed);
  });
});
