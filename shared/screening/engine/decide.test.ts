import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/schema";
import type { Finding } from "../types";
import { decide } from "./decide";
import { policyWith } from "./fakes-for-tests";

const f = (category: Finding["category"], score: number, spans?: Finding["spans"]): Finding => ({
  detector: "d",
  category,
  score,
  ...(spans ? { spans } : {}),
});
const emailSpan = { start: 0, end: 5, type: "email" };

describe("decide with the default policy", () => {
  it("allows when nothing is found", () => {
    const d = decide({ findings: [], policy: DEFAULT_POLICY, direction: "input" });
    expect(d.action).toBe("allow");
    expect(d.triggered).toEqual([]);
  });

  it("the strictest action wins: flag < redact < block", () => {
    const tox = f("toxicity", 0.9);
    const pii = f("pii", 0.9, [emailSpan]);
    expect(decide({ findings: [tox], policy: DEFAULT_POLICY, direction: "input" }).action).toBe("flag");
    expect(decide({ findings: [tox, pii], policy: DEFAULT_POLICY, direction: "input" }).action).toBe("redact");
    const all = decide({ findings: [tox, pii, f("jailbreak", 0.8)], policy: DEFAULT_POLICY, direction: "input" });
    expect(all.action).toBe("block");
    expect(all.triggered.map((t) => t.category)).toEqual(["jailbreak", "pii", "toxicity"]);
  });

  it("uses the direction's rules: toxicity flags input but blocks output", () => {
    expect(decide({ findings: [f("toxicity", 0.9)], policy: DEFAULT_POLICY, direction: "input" }).action).toBe("flag");
    expect(decide({ findings: [f("toxicity", 0.9)], policy: DEFAULT_POLICY, direction: "output" }).action).toBe(
      "block",
    );
  });

  it("keeps findings of categories the policy allows in the verdict without changing the action", () => {
    const d = decide({ findings: [f("exfiltration", 0.9)], policy: DEFAULT_POLICY, direction: "input" });
    expect(d.action).toBe("allow");
    expect(d.findings).toHaveLength(1);
  });
});

describe("thresholds and shadow rules", () => {
  const policy = policyWith({
    input: {
      prompt_injection: { action: "block", threshold: 0.8 },
      jailbreak: { action: "block", shadow: true },
    },
  });

  it("drops findings under the threshold from the verdict but keeps them for audit", () => {
    const low = f("prompt_injection", 0.79);
    const d = decide({ findings: [low], policy, direction: "input" });
    expect(d.action).toBe("allow");
    expect(d.findings).toEqual([]);
    expect(d.ignored).toEqual([low]);
    expect(decide({ findings: [f("prompt_injection", 0.8)], policy, direction: "input" }).action).toBe("block");
  });

  it("reports shadow findings without acting on them", () => {
    const jb = f("jailbreak", 0.99);
    const d = decide({ findings: [jb], policy, direction: "input" });
    expect(d.action).toBe("allow");
    expect(d.findings).toEqual([]);
    expect(d.shadowFindings).toEqual([jb]);
  });
});

describe("redaction needs spans", () => {
  it("collects spans of redact findings", () => {
    const d = decide({ findings: [f("pii", 0.9, [emailSpan])], policy: DEFAULT_POLICY, direction: "input" });
    expect(d.action).toBe("redact");
    expect(d.redactSpans).toEqual([emailSpan]);
  });

  it("escalates a span-less redact finding to block (fail closed)", () => {
    const d = decide({ findings: [f("secret", 0.9)], policy: DEFAULT_POLICY, direction: "input" });
    expect(d.action).toBe("block");
    expect(d.triggered).toEqual([{ category: "secret", action: "block" }]);
  });

  it("strips invisible text instead: by its spans, or everything the normaliser removed", () => {
    const withSpans = decide({
      findings: [f("invisible_text", 1, [{ start: 2, end: 3, type: "zero_width" }])],
      policy: DEFAULT_POLICY,
      direction: "input",
    });
    expect(withSpans.action).toBe("redact");
    expect(withSpans.stripSpans).toEqual([{ start: 2, end: 3, type: "zero_width" }]);
    const without = decide({ findings: [f("invisible_text", 1)], policy: DEFAULT_POLICY, direction: "input" });
    expect(without.action).toBe("redact");
    expect(without.stripAllInvisible).toBe(true);
  });
});

describe("per span type actions (a pii or secret rule's types)", () => {
  const cardSpan = { start: 10, end: 29, type: "credit_card" };
  const ipSpan = { start: 30, end: 40, type: "ip_address" };
  const policy = policyWith({
    input: { pii: { action: "redact", types: { email: "allow", credit_card: "block", ip_address: "flag" } }, secret: { action: "redact" } },
  });

  it("a finding of allowed types only is ignored: not in the verdict, nothing redacted", () => {
    const emails = f("pii", 1, [emailSpan]);
    const d = decide({ findings: [emails], policy, direction: "input" });
    expect(d.action).toBe("allow");
    expect(d.findings).toEqual([]);
    expect(d.ignored).toEqual([emails]);
    expect(d.redactSpans).toEqual([]);
    expect(d.triggered).toEqual([]);
  });

  it("gives each span its type's action and keeps only the spans acted on in the verdict's finding", () => {
    const d = decide({ findings: [f("pii", 1, [emailSpan, cardSpan, ipSpan])], policy, direction: "input" });
    expect(d.action).toBe("block");
    expect(d.findings).toEqual([f("pii", 1, [cardSpan, ipSpan])]);
    expect(d.triggered).toEqual([{ category: "pii", action: "block" }]);
    expect(decide({ findings: [f("pii", 1, [emailSpan, ipSpan])], policy, direction: "input" }).action).toBe("flag");
  });

  it("a type the rule does not name gets the rule's own action", () => {
    const phoneSpan = { start: 41, end: 53, type: "phone" };
    const d = decide({ findings: [f("pii", 1, [emailSpan, phoneSpan, ipSpan])], policy, direction: "input" });
    expect(d.action).toBe("redact");
    expect(d.redactSpans).toEqual([phoneSpan]);
    expect(d.findings).toEqual([f("pii", 1, [phoneSpan, ipSpan])]);
  });

  it("a rule that allows its category can still act on the types it names", () => {
    const cardsOnly = policyWith({ input: { pii: { action: "allow", types: { credit_card: "redact" } } } });
    const d = decide({ findings: [f("pii", 1, [emailSpan, cardSpan])], policy: cardsOnly, direction: "input" });
    expect(d.action).toBe("redact");
    expect(d.redactSpans).toEqual([cardSpan]);
  });

  it("thresholds and shadow apply to the finding before its types", () => {
    const shadowed = policyWith({ input: { pii: { action: "redact", shadow: true, types: { credit_card: "block" } } } });
    const card = f("pii", 1, [cardSpan]);
    expect(decide({ findings: [card], policy: shadowed, direction: "input" }).shadowFindings).toEqual([card]);
    const high = policyWith({ input: { pii: { action: "redact", threshold: 0.9, types: { credit_card: "block" } } } });
    expect(decide({ findings: [f("pii", 0.8, [cardSpan])], policy: high, direction: "input" }).action).toBe("allow");
  });
});

describe("a pii or secret rule's allowValues", () => {
  const text = "Call +1 (800) 273-8255 or 415 555 0100.";
  const hotline = { start: 5, end: 22, type: "phone" };
  const other = { start: 26, end: 38, type: "phone" };
  const policy = policyWith({ output: { pii: { action: "redact", allowValues: ["1-800-273-8255"] } } });

  it("leaves a span holding an allowed value, however written, and acts on the rest", () => {
    const d = decide({ findings: [f("pii", 1, [hotline, other])], policy, direction: "output", text });
    expect(d.redactSpans).toEqual([other]);
    expect(d.findings).toEqual([f("pii", 1, [other])]);
    const onlyHotline = decide({ findings: [f("pii", 1, [hotline])], policy, direction: "output", text });
    expect(onlyHotline.action).toBe("allow");
    expect(onlyHotline.ignored).toHaveLength(1);
  });

  it("without the text, allows nothing (fail closed)", () => {
    expect(decide({ findings: [f("pii", 1, [hotline])], policy, direction: "output" }).redactSpans).toEqual([hotline]);
  });
});

describe("detector failures", () => {
  const failure = { detector: "x", reason: "timeout" as const, message: "slow" };

  it("block under detectorFailure closed (the default)", () => {
    const d = decide({ findings: [], failures: [failure], policy: DEFAULT_POLICY, direction: "input" });
    expect(d.action).toBe("block");
    expect(d.failedClosed).toBe(true);
    expect(d.failures).toEqual([failure]);
  });

  it("are recorded but do not act under detectorFailure open", () => {
    const policy = policyWith({ detectorFailure: "open" });
    const d = decide({ findings: [f("toxicity", 0.9)], failures: [failure], policy, direction: "input" });
    expect(d.action).toBe("flag");
    expect(d.failedClosed).toBe(false);
    expect(d.failures).toEqual([failure]);
  });

  it("an aborted screening blocks even when failures are open", () => {
    const policy = policyWith({ detectorFailure: "open" });
    const aborted = { detector: "x", reason: "aborted" as const, message: "request aborted" };
    expect(decide({ findings: [], failures: [aborted], policy, direction: "input" }).action).toBe("block");
  });
});
