import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/schema";
import type { TextPart } from "../extract/text-part";
import type { Finding } from "../types";
import type { Assessment } from "./assess-text";
import { createCleanTextCache, type CleanTextCache } from "./clean-text-cache";
import { type Decision } from "./decide";
import { fakeScanInput, scriptedDetector } from "./fakes-for-tests";

const detectors = [scriptedDetector({ id: "none", scan: () => [] })];
const scope = { tenant: "t1", endUser: "u1" };
const userText = (text: string): TextPart => ({ role: "user", text, path: ["messages", 0, "content"] });
/** A second turn: a conversation text besides the one remembered, so the request is not single-turn. */
const earlierTurn = userText("What is on the menu?");

function assessment(decision: Partial<Decision> = {}): Assessment {
  const clean: Decision = { action: "allow", findings: [], shadowFindings: [], belowThreshold: [], failures: [], failedClosed: false, triggered: [], redactSpans: [], stripSpans: [], stripAllInvisible: false };
  return { input: fakeScanInput("x"), decision: { ...clean, ...decision }, timings_ms: {} };
}

function remember(cache: CleanTextCache, part: TextPart, options: { decision?: Partial<Decision>; requestParts?: TextPart[] } = {}) {
  cache.rememberIfClean({ detectors, policy: DEFAULT_POLICY, scope, part, assessment: assessment(options.decision), requestParts: options.requestParts ?? [earlierTurn, part] });
}
const has = (cache: CleanTextCache, part: TextPart) => cache.has({ detectors, policy: DEFAULT_POLICY, scope, part });

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
    for (const [text, decision] of outcomes) remember(cache, userText(text), { decision });
    expect(outcomes.map(([text]) => text).filter((text) => has(cache, userText(text)))).toEqual(["clean", "below threshold"]);
  });

  it("does not remember a single-turn request's only conversation text, which never comes back as history", () => {
    const cache = createCleanTextCache();
    const system: TextPart = { role: "system", text: "You summarise documents.", path: ["messages", 0, "content"] };
    const question = userText("Summarise this memo: the office is closed on Friday.");
    for (const part of [system, question]) remember(cache, part, { requestParts: [system, question] });
    expect(has(cache, system)).toBe(true);
    expect(has(cache, question)).toBe(false);
  });

  it("a text is known only for its kind and detector set: a tool description is not a message", () => {
    const cache = createCleanTextCache();
    remember(cache, userText("Get the weather."));
    const asDefinition: TextPart = { role: "user", kind: "tool_definition", text: "Get the weather.", path: ["tools", 0, "description"] };
    expect(has(cache, asDefinition)).toBe(false);
    expect(cache.has({ detectors: [...detectors], policy: DEFAULT_POLICY, scope, part: userText("Get the weather.") })).toBe(false);
    expect(has(cache, userText("Get the weather."))).toBe(true);
  });

  it("holds a text once however many end users it is known for", () => {
    const cache = createCleanTextCache();
    const thanks = userText("Thanks!");
    remember(cache, thanks);
    const forOne = cache.chars;
    const forUser = (endUser: string) => ({ detectors, policy: DEFAULT_POLICY, scope: { tenant: "t1", endUser }, part: thanks });
    cache.rememberIfClean({ ...forUser("u2"), assessment: assessment(), requestParts: [earlierTurn, thanks] });
    expect(cache.chars - forOne).toBe(forOne - "Thanks!".length);
    expect([cache.has(forUser("u1")), cache.has(forUser("u2")), cache.has(forUser("u3"))]).toEqual([true, true, false]);
  });

  it("holds at most its characters, dropping the least recently used text first", () => {
    const cache = createCleanTextCache({ maxChars: 1600 });
    const texts = ["a", "b", "c", "d"].map((letter) => userText(letter.repeat(180)));
    for (const text of texts) remember(cache, text);
    expect(texts.every((text) => has(cache, text))).toBe(true); // a is now the least recently used again: touch it alone
    expect(has(cache, texts[0])).toBe(true);
    const chars = cache.chars;
    for (let i = 0; i < 5; i++) remember(cache, userText(`${i}`.repeat(180)));
    // Nine texts of ~195 characters (context included) do not fit in 1,600: one goes, the least recently used.
    expect(cache.chars).toBeLessThanOrEqual(1600);
    expect(cache.chars).toBe(chars + 4 * (chars / 4));
    expect(texts.map((text) => has(cache, text))).toEqual([true, false, true, true]);
    // A text longer than an eighth of the bound is never kept.
    remember(cache, userText("f".repeat(201)));
    expect(has(cache, userText("f".repeat(201)))).toBe(false);
  });
});
