// API keys: `eg_<keyId>_<secret>` with a base62 secret of at least 32 characters. Only sha256(key) is ever stored;
// comparisons of hashes are constant-time. sha256Hex is per runtime (sha256-hex.*.ts): Web Crypto in workerd,
// node:crypto's synchronous createHash on Node.
import { sha256Hex } from "#sha256-hex";

export { sha256Hex };

const KEY_PATTERN = /^eg_([A-Za-z0-9]{1,32})_([A-Za-z0-9]{32,128})$/;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export type ParsedKey = { ok: true; keyId: string } | { ok: false; reason: "malformed" };

export function parseApiKey(key: string): ParsedKey {
  const match = KEY_PATTERN.exec(key);
  return match ? { ok: true, keyId: match[1] } : { ok: false, reason: "malformed" };
}

/** Compares two strings in time that depends only on their lengths (hashes here are always 64 chars). */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** A fresh key; base62 by rejection sampling so every character is uniform. */
export function generateApiKey(options: { keyId?: string; secretLength?: number } = {}): { key: string; keyId: string } {
  const keyId = options.keyId ?? randomBase62(12);
  return { key: `eg_${keyId}_${randomBase62(options.secretLength ?? 40)}`, keyId };
}

function randomBase62(length: number): string {
  let out = "";
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** Reads the caller's key from `Authorization: Bearer` (OpenAI SDK) or `x-api-key` (Anthropic SDK). */
export function keyFromHeaders(headers: Headers): string | undefined {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? match[1] : undefined;
  }
  return headers.get("x-api-key")?.trim() || undefined;
}
