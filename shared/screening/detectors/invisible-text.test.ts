// Tests for invisible_text: fires on hidden characters with exact spans, stays silent on legitimate sequences.
import { describe, expect, it } from "vitest";
import { createInvisibleTextDetector } from "./invisible-text";
import { contextWith, scan } from "./test-helpers";

const detector = createInvisibleTextDetector();

describe("invisible_text", () => {
  it("reports each removed run as a span with score 1", async () => {
    const text = "ig\u200Bnore\u202E\u2066 tags\u{E0041}\u{E0042}";
    const findings = await scan(detector, text);
    expect(findings).toHaveLength(1);
    expect(findings[0].score).toBe(1);
    expect(findings[0].spans?.map((s) => text.slice(s.start, s.end))).toEqual(["\u200B", "\u202E\u2066", "\u{E0041}\u{E0042}"]);
  });

  it.each([
    ["emoji ZWJ family", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"],
    ["skin-tone ZWJ sequence", "\u{1F469}\u{1F3FD}\u200D\u{1F4BB}"],
    ["England flag", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"],
    ["Scotland flag", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"],
    ["Persian ZWNJ", "نمی\u200Cدانم"],
    ["Hebrew", "זה טקסט בעברית"],
    ["Arabic", "هذا نص عربي"],
    ["emoji with VS16", "\u2764\uFE0F\u270C\uFE0F"],
    ["plain ASCII", "nothing to see here"],
  ])("is silent on %s", async (_name, text) => {
    expect(await scan(detector, text)).toEqual([]);
  });

  it("scores direction marks alone below the default threshold", async () => {
    const findings = await scan(detector, "\u200Fשלום\u200E abc");
    expect(findings[0].score).toBeLessThan(0.5);
  });

  it("works on a ScanInput that does not carry removed ranges", async () => {
    const input = { original: "a\u200Bb", cleaned: "ab", toOriginal: (i: number) => (i === 0 ? 0 : i + 1), normalised: "ab" };
    const findings = await detector.scan(input, contextWith());
    expect(findings[0].spans).toEqual([{ start: 1, end: 2, type: "invisible" }]);
  });
});
