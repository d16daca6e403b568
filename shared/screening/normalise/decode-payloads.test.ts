// Tests for the byte-level UTF-8 check that lets payload decoding skip the (throwing) strict decoder on junk.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Shape } from "./decode-payloads";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
function strictAccepts(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe("utf8Shape", () => {
  it.each([
    ["ascii", [0x68, 0x69], "ascii"],
    ["two-byte é", [0xc3, 0xa9], "multibyte"],
    ["overlong slash", [0xc0, 0xaf], "invalid"],
    ["overlong three-byte", [0xe0, 0x80, 0xaf], "invalid"],
    ["encoded surrogate", [0xed, 0xa0, 0x80], "invalid"],
    ["largest code point", [0xf4, 0x8f, 0xbf, 0xbf], "multibyte"],
    ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80], "invalid"],
    ["truncated sequence", [0x61, 0xe2, 0x82], "invalid"],
    ["lone continuation", [0x80], "invalid"],
    ["byte order mark", [0xef, 0xbb, 0xbf, 0x61], "multibyte"],
  ])("%s", (_name, bytes, shape) => {
    expect(utf8Shape(new Uint8Array(bytes))).toBe(shape);
  });

  it("property: accepts exactly what a fatal TextDecoder accepts", () => {
    const nearUtf8 = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x80, max: 0xbf }), fc.constantFrom(0xc2, 0xe0, 0xed, 0xf0, 0xf4)), { maxLength: 12 });
    fc.assert(
      fc.property(nearUtf8, (list) => {
        const bytes = new Uint8Array(list);
        expect(utf8Shape(bytes) !== "invalid").toBe(strictAccepts(bytes));
      }),
      { numRuns: 3000 },
    );
  });
});
