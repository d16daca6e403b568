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
  const clean: Decision = { action: "allow", findings: [], shadowFindings: [], ignored: [], failures: [], failedClosed: false, triggered: [], redactSpans: [], stripSpans: [], stripAllInvisible: false };
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
      ["below threshold", { ignored: [finding] }],
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

  it("keeps tenants apart, for the app's texts and the conversation's, whatever order they are asked in", () => {
    const cache = createCleanTextCache();
    const system: TextPart = { role: "system", text: "You are the travel desk.", path: ["messages", 0, "content"] };
    const question = userText("Which trains go to Bergen?");
    const ask = (tenant: string, part: TextPart) => cache.has({ detectors, policy: DEFAULT_POLICY, scope: { tenant, endUser: "u1" }, part });
    for (const part of [system, question]) remember(cache, part);
    expect([ask("t1", system), ask("t2", system), ask("t1", question), ask("t2", question), ask("t1", question)]).toEqual([true, false, true, false, true]);
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

  it("holds at most its characters: untouched texts go first, a generation (half the bound) at a time", () => {
    const cache = createCleanTextCache({ maxChars: 1600 });
    const text = (name: string) => userText(name.repeat(170));
    remember(cache, text("a"));
    const perText = cache.chars; // ~190: the text and its context
    expect(Math.floor(800 / perText)).toBe(4);
    for (const name of ["b", "c", "d"]) remember(cache, text(name));
    expect(cache.chars).toBe(4 * perText);
    // A fifth does not fit in the newer half: those four become the older generation.
    remember(cache, text("e"));
    // A hit in the older generation moves the text into the newer one, out of the way of the next drop.
    expect(has(cache, text("a"))).toBe(true);
    expect(cache.chars).toBe(5 * perText);
    for (const name of ["f", "g"]) remember(cache, text(name));
    // e, a, f, g fill the newer half; h starts a new one and the older (b, c, d, never touched again) is dropped.
    remember(cache, text("h"));
    expect(cache.chars).toBeLessThanOrEqual(1600);
    expect(cache.chars).toBe(5 * perText);
    expect(["a", "b", "c", "d", "e", "f", "g", "h"].filter((name) => has(cache, text(name)))).toEqual(["a", "e", "f", "g", "h"]);
    // A text longer than an eighth of the bound is never kept.
    remember(cache, userText("f".repeat(201)));
    expect(has(cache, userText("f".repeat(201)))).toBe(false);
  });

  it.each([
    { texts: 60, endUsers: 30 },
    { texts: 3, endUsers: 400 }, // few texts known in many contexts ("Thanks!"): contexts fill the cache
  ])("stays within its bound and keeps what it was just told: $texts texts, $endUsers end users", ({ texts, endUsers }) => {
    const cache = createCleanTextCache({ maxChars: 3000 });
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 5000; i++) {
      const part = userText(`text ${Math.floor(random() * texts)} `.repeat(1 + Math.floor(random() * 20)));
      const endUser = `u${Math.floor(random() * endUsers)}`;
      const entry = { detectors, policy: DEFAULT_POLICY, scope: { tenant: "t1", endUser }, part };
      if (random() < 0.5) cache.has(entry);
      else {
        cache.rememberIfClean({ ...entry, assessment: assessment(), requestParts: [earlierTurn, part] });
        expect(cache.has(entry)).toBe(true);
      }
      expect(cache.chars).toBeLessThanOrEqual(3000);
      expect(cache.chars).toBeGreaterThanOrEqual(0);
    }
  });
});
