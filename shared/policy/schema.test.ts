import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLASSIFIER_METADATA } from "../screening/models/classifier-model";
import { parseValid, validate } from "../validation/validate";
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

describe("the README's policy example", () => {
  it("is a valid policy (comments stripped)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /A policy is JSON[\s\S]*?```jsonc\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const json = block!.replace(/\/\/.*$/gm, "");
    const result = validate(policySchema, JSON.parse(json));
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(parseValid(policySchema, JSON.parse(json)).input.pii?.types).toEqual({ email: "allow", credit_card: "block" });
  });
});
