// SHA-256 as lowercase hex on Node: node:crypto's synchronous createHash, ~3 µs, where Web Crypto's digest costs
// ~50-100 µs through Node's thread pool, on every request. Chosen by package.json's "imports" outside workerd.
import { createHash } from "node:crypto";

export async function sha256Hex(text: string): Promise<string> {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
