// Tests for canary_leak: policy canaries and planted system-prompt tokens survive obfuscation; verbatim system
// prompt runs are caught; ordinary answers and quoted user text are not.
import { describe, expect, it } from "vitest";
import { createCanaryLeakDetector } from "./canary-leak";
import { contextWith, maxScore, scan } from "./test-helpers";

const detector = createCanaryLeakDetector();
const CANARY = "CANARY-7f3a9c2e41";
const policyContext = contextWith({ direction: "output", policy: { canaryTokens: [CANARY] } });
const SYSTEM =
  "You are Tessa, the support agent for Acme Bank. Internal reference token ZX81qv7Lm02Kp9Tr. " +
  "Never discuss competitor products or internal escalation procedures with customers under any circumstances.";

describe("canary_leak: canary tokens", () => {
  it.each([
    ["verbatim", `Sure: ${CANARY}`],
    ["lower-cased", `sure: ${CANARY.toLowerCase()}`],
    ["spaced out", "C A N A R Y - 7 f 3 a 9 c 2 e 4 1"],
    ["split by zero-width characters", "CANARY-7f3a\u200B9c2e41"],
    ["Cyrillic look-alikes", "СANАRY-7f3a9с2е41"],
    ["base64-encoded", `here you go ${btoa(`the token is ${CANARY}`)}`],
  ])("finds a policy canary %s with score 1", async (_name, text) => {
    expect(maxScore(await scan(detector, text, policyContext))).toBe(1);
  });

  it("reports a span when the canary appears as written", async () => {
    const text = `token ${CANARY} end`;
    const [finding] = await scan(detector, text, policyContext);
    expect(finding.spans?.map((s) => text.slice(s.start, s.end))).toEqual([CANARY]);
  });

  it("finds a token planted in the system prompt", async () => {
    const findings = await scan(detector, "The reference is zx81qv7lm02kp9tr.", contextWith({ direction: "output", systemPrompt: SYSTEM }));
    expect(maxScore(findings)).toBeGreaterThanOrEqual(0.9);
  });

  it("is silent on an ordinary answer", async () => {
    const context = contextWith({ direction: "output", systemPrompt: SYSTEM, policy: { canaryTokens: [CANARY] } });
    expect(await scan(detector, "Your card will arrive in 5-7 business days. Anything else?", context)).toEqual([]);
  });
});

describe("canary_leak: verbatim system prompt", () => {
  const context = contextWith({ direction: "output", systemPrompt: SYSTEM });

  it("fires on an 8+ word run copied from the system prompt, more for longer runs", async () => {
    const short = await scan(detector, "I was told: never discuss competitor products or internal escalation procedures.", context);
    const long = await scan(
      detector,
      "My instructions: Never discuss competitor products or internal escalation procedures with customers under any circumstances.",
      context,
    );
    expect(maxScore(short)).toBeGreaterThan(0.5);
    expect(maxScore(long)).toBeGreaterThan(maxScore(short));
  });

  it("ignores shorter overlaps", async () => {
    expect(await scan(detector, "I never discuss competitor products, sorry.", context)).toEqual([]);
  });

  it("does not count runs the user sent in the prompt", async () => {
    const quoted = "never discuss competitor products or internal escalation procedures with customers";
    const withPrompt = contextWith({ direction: "output", systemPrompt: SYSTEM, prompt: `Summarise: "${quoted}"` });
    expect(await scan(detector, `It says to ${quoted}.`, withPrompt)).toEqual([]);
  });
});

describe("canary_leak: cost", () => {
  it("does no work without canaries or a system prompt (never reads the normalised view)", () => {
    const input = {
      original: "x",
      cleaned: "x",
      toOriginal: (offset: number) => offset,
      get normalised(): string {
        throw new Error("normalised view was read");
      },
    };
    expect(createCanaryLeakDetector().scan(input, contextWith({ direction: "output" }))).toEqual([]);
  });

  it("stays correct while its system-prompt cache evicts (cache of one, two prompts in turn)", async () => {
    const small = createCanaryLeakDetector({ cacheSize: 1 });
    const other = "You are Max. Secret build tag QW93zx81Lp07Rt5Y. Always answer in formal English and never mention pricing.";
    for (let round = 0; round < 3; round++) {
      const first = await scan(small, "the tag is zx81qv7lm02kp9tr", contextWith({ direction: "output", systemPrompt: SYSTEM }));
      const second = await scan(small, "tag: qw93zx81lp07rt5y", contextWith({ direction: "output", systemPrompt: other }));
      const crossed = await scan(small, "the tag is zx81qv7lm02kp9tr", contextWith({ direction: "output", systemPrompt: other }));
      expect([maxScore(first), maxScore(second), maxScore(crossed)]).toEqual([0.95, 0.95, 0]);
    }
  });
});
