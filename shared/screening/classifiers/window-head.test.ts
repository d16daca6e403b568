// What a line is scored as in the shipped line view: a prose line next to table rows carries the table-context
// marker (and its marked words); table rows themselves, prose in an e-mail, and the overlapping windows do not.
import { describe, expect, it } from "vitest";
import { DEFAULT_WINDOW_OPTIONS, textWindows, type WindowOptions } from "./text-windows";
import { TABLE_CONTEXT_MARKER, windowText } from "./window-head";

const lines: WindowOptions = { ...DEFAULT_WINDOW_OPTIONS, segmentation: "lines" };
const rows = Array.from({ length: 10 }, (_, i) => `| ${2010 + i} | city of somewhere ${i} | ${i * 1000} inhabitants |`);
const scored = (text: string, windowing: WindowOptions = lines) => textWindows(text, windowing).map((w) => windowText(text, w, windowing));

describe("windowText", () => {
  it.each([
    ["between rows", [...rows.slice(0, 5), "what is the capital of peru?", ...rows.slice(5)]],
    ["before the table, after a blank line", ["what is the capital of peru?", "", ...rows]],
    ["after the table", [...rows, "what is the capital of peru?"]],
  ])("marks a prose line %s", (_, textLines) => {
    const pieces = scored(textLines.join("\n"));
    const prose = pieces.filter((p) => p.includes("peru"));
    expect(prose).toHaveLength(1);
    expect(prose[0].startsWith(TABLE_CONTEXT_MARKER)).toBe(true);
    expect(prose[0]).toContain("\u00a7capital"); // the marked copy of each word
    expect(pieces.filter((p) => !p.includes("peru")).every((p) => p.startsWith("|"))).toBe(true);
  });

  it("leaves prose in an e-mail, and every overlapping window, unmarked", () => {
    const email = ["hi sam,", "the invoice for march is attached and the totals match what we agreed last week.",
      "what is the capital of peru?", "we still need the signed copy before friday, thanks.", "best, alex", "x".repeat(200)].join("\n");
    expect(scored(email).some((p) => p.includes(TABLE_CONTEXT_MARKER))).toBe(false);
    const table = [...rows.slice(0, 5), "what is the capital of peru?", ...rows.slice(5)].join("\n");
    expect(scored(table, DEFAULT_WINDOW_OPTIONS).some((p) => p.includes(TABLE_CONTEXT_MARKER))).toBe(false);
  });
});
