// Pins the normalised view byte for byte: the outputs in normalised-pinned.json were captured from the original
// implementation before the speed work, and the trained classifier reads this view, so any difference is a bug.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { largePinnedCases, PINNED_CASES } from "./pinned-normaliser-cases";
import { NORMALISER_ID, prepareScanInput } from "./prepare-scan-input";

// Read with JSON.parse rather than imported: the bundler's JSON loader rejects the lone-surrogate escapes it holds.
const pinned = JSON.parse(readFileSync(new URL("./normalised-pinned.json", import.meta.url), "utf8")) as {
  normaliser: string;
  small: Record<string, string>;
  large: Record<string, { length: number; sha256: string }>;
};

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

describe("normalised view is unchanged", () => {
  it("keeps the normaliser id the fixtures were captured with", () => {
    expect(NORMALISER_ID).toBe(pinned.normaliser);
  });

  it("has an expected output for every pinned case", () => {
    expect(Object.keys(pinned.small).sort()).toEqual(Object.keys(PINNED_CASES).sort());
    expect(Object.keys(pinned.large).sort()).toEqual(Object.keys(largePinnedCases()).sort());
  });

  it.each(Object.entries(PINNED_CASES))("%s", (name, input) => {
    expect(prepareScanInput(input).normalised).toBe(pinned.small[name]);
  });

  it.each(Object.entries(largePinnedCases()))("large: %s", async (name, input) => {
    const expected = pinned.large[name];
    const normalised = prepareScanInput(input).normalised;
    expect(normalised.length).toBe(expected.length);
    expect(await sha256Hex(normalised)).toBe(expected.sha256);
  });
});
