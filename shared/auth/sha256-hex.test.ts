// Both runtimes' sha256Hex give the same lowercase hex (FIPS 180-2 vectors, and non-ASCII text as UTF-8): a key
// hashed by `edgeguard keys` on Node must match what the Worker computes from the presented key.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex as sha256HexNode } from "./sha256-hex.node";
import { sha256Hex as sha256HexWorkerd } from "./sha256-hex.workerd";

const VECTORS: Array<[string, string]> = [
  ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
];

describe("sha256Hex", () => {
  it.each(VECTORS)("hashes %j to the standard digest in both implementations", async (text, digest) => {
    expect(await sha256HexNode(text)).toBe(digest);
    expect(await sha256HexWorkerd(text)).toBe(digest);
  });

  it("agrees between the implementations on keys and non-ASCII text (UTF-8)", async () => {
    for (const text of ["eg_k1_0123456789abcdefghijklmnopqrstuvwxyzABCD", "clé ✓ 鍵 🔑", "\u0000\uffff"]) {
      const expected = createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
      expect(await sha256HexWorkerd(text)).toBe(expected);
      expect(await sha256HexNode(text)).toBe(expected);
    }
  });
});
