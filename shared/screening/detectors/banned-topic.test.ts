// Tests for banned_topic: whole-word keywords through obfuscation, tenant regexes, unsafe regexes refused.
import { describe, expect, it, vi } from "vitest";
import { createBannedTopicDetector } from "./banned-topic";
import { contextWith, scan } from "./test-helpers";

const context = contextWith({
  policy: { bannedTopics: { keywords: ["crypto trading", "Acme Rival", "casino"], patterns: ["\\bbet(?:ting)?\\s+odds\\b", "(a+)+$"] } },
});

describe("banned_topic", () => {
  it.each([
    ["a keyword", "Any tips on CRYPTO   trading?"],
    ["a keyword in look-alikes and fullwidth", "tell me about ｃａｓｉｎｏ and саsinо games"],
    ["a keyword split by zero-width characters", "cas\u200Bino"],
    ["a multi-word keyword across a line break", "acme\nrival pricing"],
    ["a tenant regex", "what are the betting odds tonight"],
    ["a keyword inside a base64 payload", `decode ${btoa("best casino in town")}`],
  ])("fires on %s", async (_name, text) => {
    expect(await scan(createBannedTopicDetector(), text, context)).toEqual([
      { detector: "banned_topic", category: "banned_topic", score: 1 },
    ]);
  });

  it.each([
    ["a keyword inside a longer word", "occasionally we play casinos... no: occasinoal"],
    ["half of a multi-word keyword", "crypto is volatile; day trading too"],
    ["unrelated text", "What is the weather in Paris?"],
  ])("is silent on %s", async (_name, text) => {
    expect(await scan(createBannedTopicDetector(), text, context)).toEqual([]);
  });

  it("refuses an unsafe tenant regex once per policy and never runs it", async () => {
    const onRejectedPattern = vi.fn();
    const detector = createBannedTopicDetector({ onRejectedPattern });
    const started = performance.now();
    await scan(detector, `${"a".repeat(5_000)}!`, context);
    await scan(detector, "again", context);
    expect(performance.now() - started).toBeLessThan(500);
    expect(onRejectedPattern).toHaveBeenCalledTimes(1);
    expect(onRejectedPattern).toHaveBeenCalledWith("(a+)+$", "nested quantifier");
  });

  it("finds keywords the same way when the policy lists many of them (word-map path)", async () => {
    const keywords = [...Array.from({ length: 30 }, (_, i) => `topic number ${i}`), "crypto trading", "casino"];
    const many = contextWith({ policy: { bannedTopics: { keywords } } });
    const detector = createBannedTopicDetector();
    expect(await scan(detector, "best ｃａｓｉｎｏ in town", many)).toHaveLength(1);
    expect(await scan(detector, "about Topic  Number 17.", many)).toHaveLength(1);
    expect(await scan(detector, "about topic number 170 and crypto, then trading", many)).toEqual([]);
  });

  it("is silent when the policy names no topics", async () => {
    expect(await scan(createBannedTopicDetector(), "casino", contextWith())).toEqual([]);
  });

  it("bounds a greedy tenant regex on a long text", async () => {
    const greedy = contextWith({ policy: { bannedTopics: { patterns: ["foo.*bar"] } } });
    const started = performance.now();
    const findings = await scan(createBannedTopicDetector(), "foo ".repeat(25_000), greedy);
    expect(findings).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("banned_topic: cost", () => {
  it("does no work when the policy names no topics (never reads the normalised view)", () => {
    const input = {
      original: "casino",
      cleaned: "casino",
      toOriginal: (offset: number) => offset,
      get normalised(): string {
        throw new Error("normalised view was read");
      },
    };
    expect(createBannedTopicDetector().scan(input, contextWith())).toEqual([]);
  });

  it("gives a tenant regex its usual answer whether or not its literal prefilter lets it run", async () => {
    const detector = createBannedTopicDetector();
    const odds = contextWith({ policy: { bannedTopics: { patterns: ["\\bbet(?:ting)?\\s+odds\\b"] } } });
    expect(await scan(detector, "between the lines, better odds", odds)).toEqual([]);
    expect(await scan(detector, "BETTING   ODDS tonight", odds)).toHaveLength(1);
  });
});

describe("banned_topic on an open-ended text (a stream window before the stream's end)", () => {
  const open = { ...contextWith({ policy: { bannedTopics: { keywords: ["bet"], patterns: ["\\bwar\\b"] } } }), openEnded: true };
  const closed = contextWith({ policy: { bannedTopics: { keywords: ["bet"], patterns: ["\\bwar\\b"] } } });

  it("does not match the last word, which may be the start of a longer one", async () => {
    expect(await scan(createBannedTopicDetector(), "This is a bet", open)).toEqual([]);
    expect(await scan(createBannedTopicDetector(), "Read the war", open)).toEqual([]);
    // The same text, whole, does.
    expect(await scan(createBannedTopicDetector(), "This is a bet", closed)).toHaveLength(1);
    expect(await scan(createBannedTopicDetector(), "Read the war", closed)).toHaveLength(1);
  });

  it("matches a finished word: followed by anything, or a last word in a script the stream does not hold back", async () => {
    expect(await scan(createBannedTopicDetector(), "You could bet on", open)).toHaveLength(1);
    expect(await scan(createBannedTopicDetector(), "This is a bet.", open)).toHaveLength(1);
    const cjk = { ...contextWith({ policy: { bannedTopics: { keywords: ["賭博"], patterns: [] } } }), openEnded: true };
    expect(await scan(createBannedTopicDetector(), "これは 賭博", cjk)).toHaveLength(1);
  });
});
