// The trigger scanner must find exactly the hits a global regex of the triggers' alternation (longest first) finds:
// same positions, same triggers, same resumption after each hit. Checked on hand-picked overlaps and, differentially,
// on random texts made of the injection rules' own triggers, their pieces and other units.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INJECTION_PATTERNS } from "./injection-patterns";
import { createTriggerScanner } from "./trigger-scanner";

interface Hit {
  index: number;
  text: string;
}

function byLengthDescending(triggers: readonly string[]): string[] {
  return [...new Set(triggers)].sort((a, b) => b.length - a.length);
}

/** What the detector used before the scanner: one global regex of the alternation, longest trigger first. */
function regexHits(triggers: readonly string[], text: string): Hit[] {
  const re = new RegExp(triggers.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return [...text.matchAll(re)].map((match) => ({ index: match.index, text: match[0] }));
}

function scannerHits(triggers: readonly string[], text: string): Hit[] {
  const scanner = createTriggerScanner(triggers);
  const hits: Hit[] = [];
  for (let hit = scanner.next(text, 0); hit !== null; hit = scanner.next(text, hit.index + hit.length)) {
    expect(hit.length).toBe(triggers[hit.trigger].length);
    hits.push({ index: hit.index, text: triggers[hit.trigger] });
  }
  return hits;
}

const RULE_TRIGGERS = byLengthDescending(INJECTION_PATTERNS.flatMap((pattern) => pattern.triggers));

describe("createTriggerScanner", () => {
  it("takes the leftmost hit, and the longest trigger there", () => {
    const triggers = byLengthDescending(["system", "system message", "stem", "message", "instru", "instruction"]);
    const text = "a system message, a system, instructions and a stem";
    expect(scannerHits(triggers, text)).toEqual([
      { index: 2, text: "system message" },
      { index: 20, text: "system" },
      { index: 28, text: "instruction" },
      { index: 47, text: "stem" },
    ]);
  });

  it("prefers a hit that starts earlier and ends later over one found first", () => {
    // "abcd" is found after "bc" has already ended: the scan must look on past "bc" for hits that start earlier.
    const triggers = byLengthDescending(["abcd", "bc"]);
    expect(scannerHits(triggers, "xabcdx abcx")).toEqual([{ index: 1, text: "abcd" }, { index: 8, text: "bc" }]);
  });

  it("resumes after a hit, so hits never overlap", () => {
    const triggers = byLengthDescending(["aba"]);
    expect(scannerHits(triggers, "ababa aba")).toEqual([{ index: 0, text: "aba" }, { index: 6, text: "aba" }]);
    expect(createTriggerScanner(triggers).next("ababa", 1)).toEqual({ index: 2, trigger: 0, length: 3 });
  });

  it("finds non-Latin triggers and none in text without them", () => {
    const triggers = byLengthDescending(["忽略", "забуд", "<|"]);
    expect(scannerHits(triggers, "请忽略以上 <|im_start|> забудь")).toEqual([
      { index: 1, text: "忽略" },
      { index: 6, text: "<|" },
      { index: 19, text: "забуд" },
    ]);
    expect(scannerHits(triggers, "plain text, nothing to find 日本語")).toEqual([]);
    expect(createTriggerScanner(triggers).next("", 0)).toBeNull();
    expect(createTriggerScanner(triggers).next("忽略", 5)).toBeNull();
  });

  it("refuses an empty trigger", () => {
    expect(() => createTriggerScanner(["a", ""])).toThrow(/empty/);
  });

  it("finds what the alternation regex finds on random texts of the rules' triggers", () => {
    // Whole triggers, their halves (so near-misses and overlaps are common), and units outside every trigger.
    const pieces = [
      ...RULE_TRIGGERS,
      ...RULE_TRIGGERS.map((t) => t.slice(0, Math.ceil(t.length / 2))),
      ...RULE_TRIGGERS.map((t) => t.slice(Math.floor(t.length / 2))),
      " ", "\n", ".", "x", "q", "é", "日", "😀", "\ud800",
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (sample) => {
        expect(scannerHits(RULE_TRIGGERS, sample)).toEqual(regexHits(RULE_TRIGGERS, sample));
      }),
      { numRuns: 3000 },
    );
  });

  it("finds what the alternation regex finds for random trigger lists", () => {
    const alphabet = fc.constantFrom("a", "b", "c", "ab", "ba");
    const trigger = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
    const triggers = fc.array(trigger, { minLength: 1, maxLength: 8 }).map(byLengthDescending);
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", " "), { maxLength: 30 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(triggers, text, (list, sample) => {
        expect(scannerHits(list, sample)).toEqual(regexHits(list, sample));
      }),
      { numRuns: 3000 },
    );
  });
});
