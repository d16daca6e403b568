import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/schema";
import type { TextPart } from "../extract/text-part";
import type { Finding } from "../types";
import type { Assessment } from "./assess-text";
import { createCleanTextCache } from "./clean-text-cache";
import { type Decision } from "./decide";
import { fakeScanInput, scriptedDetector } from "./fakes-for-tests";

const detectors = [scriptedDetector({ id: "none", scan: () => [] })];
const scope = { tenant: "t1", endUser: "u1" };
const userText = (text: string): TextPart => ({ role: "user", text, path: ["messages", 0, "content"] });

function assessment(decision: Partial<Decision> = {}): Assessment {
  const clean: Decision = { action: "allow", findings: [], shadowFindings: [], belowThreshold: [], failures: [], failedClosed: false, triggered: [], redactSpans: [], stripSpans: [], stripAllInvisible: false };
  return { input: fakeScanInput("x"), decision: { ...clean, ...decision }, timings_ms: {} };
}

describe("createCleanTextCache", () => {
  it("remembers only texts with nothing to act on or audit: scores under the thresholds are neither", () => {
    const cache = createCleanTextCache();
    const finding: Finding = { detector: "d", category: "pii", score: 0.2 };
    const outcomes: Array<[string, Partial<Decision>]> = [
      ["clean", {}],
      ["below threshold", { belowThreshold: [finding] }],
      ["shadowed", { shadowFindings: [finding] }],
      ["found", { findings: [finding] }],
      ["failed", { failures: [{ detector: "d", reason: "timeout", message: "no answer" }] }],
    ];
    for (const [text, decision] of outcomes) cache.rememberIfClean({ detectors, policy: DEFAULT_POLICY, scope, part: userText(text), assessment: assessment(decision) });
    const known = outcomes.map(([text]) => text).filter((text) => cache.has({ detectors, policy: DEFAULT_POLICY, scope, part: userText(text) }));
    expect(known).toEqual(["clean", "below threshold"]);
  });

  it("a text is known only for its kind: a tool description is not a message", () => {
    const cache = createCleanTextCache();
    cache.rememberIfClean({ detectors, policy: DEFAULT_POLICY, scope, part: userText("Get the weather."), assessment: assessment() });
    const asDefinition: TextPart = { role: "user", kind: "tool_definition", text: "Get the weather.", path: ["tools", 0, "description"] };
    expect(cache.has({ detectors, policy: DEFAULT_POLICY, scope, part: asDefinition })).toBe(false);
    expect(cache.has({ detectors: [...detectors], policy: DEFAULT_POLICY, scope, part: userText("Get the weather.") })).toBe(false);
  });

  it("holds at most its characters, dropping the least recently used text first", () => {
    const cache = createCleanTextCache({ maxChars: 1600 });
    const texts = ["a", "b", "c", "d"].map((letter) => letter.repeat(180));
    const remember = (text: string) => cache.rememberIfClean({ detectors, policy: DEFAULT_POLICY, scope, part: userText(text), assessment: assessment() });
    const has = (text: string) => cache.has({ detectors, policy: DEFAULT_POLICY, scope, part: userText(text) });
    for (const text of texts) remember(text);
    expect(texts.every(has)).toBe(true); // a is now the least recently used again: touch it alone
    expect(has(texts[0])).toBe(true);
    const chars = cache.chars;
    for (let i = 0; i < 5; i++) remember(`${i}`.repeat(180));
    // Nine texts of ~195 characters (key included) do not fit in 1,600: one goes, the least recently used.
    expect(cache.chars).toBeLessThanOrEqual(1600);
    expect(cache.chars).toBe(chars + 4 * (chars / 4));
    expect(texts.map(has)).toEqual([true, false, true, true]);
    // A text longer than an eighth of the bound is never kept.
    remember("f".repeat(201));
    expect(has("f".repeat(201))).toBe(false);
  });
});
