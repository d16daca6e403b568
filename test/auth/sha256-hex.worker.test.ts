// In workerd, key hashing runs on Web Crypto (no nodejs_compat): it must give the digests Node computes when
// `edgeguard keys` stores a key's hash (the second digest is node:crypto's, computed once).
import { expect, it } from "vitest";
import { sha256Hex } from "../../shared/auth/api-key";

it("hashes to the standard SHA-256 digests in workerd", async () => {
  expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect(await sha256Hex("clé ✓ 鍵 🔑")).toBe("f271f81135be21da8884293b0a413ac58df0adb25f17d45af9dfa8ebed9b48e2");
});
