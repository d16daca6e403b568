// HMAC-SHA256 tags on Node: node:crypto's synchronous createHmac (a few µs), where Web Crypto's sign goes through
// Node's thread pool. Chosen by package.json's "imports" outside workerd; hmac-tag.workerd.ts there.
import { createHmac } from "node:crypto";

/** The first `bytes` bytes of HMAC-SHA256(secret, message) as base64url without padding. */
export function createHmacTagger(options: { secret: string; bytes: number }): (message: string) => Promise<string> {
  const { secret, bytes } = options;
  return async (message) => createHmac("sha256", secret).update(message, "utf8").digest().subarray(0, bytes).toString("base64url");
}
