// HMAC-SHA256 tags in workerd: Web Crypto (native there; the Worker needs no nodejs_compat). The key is imported once,
// on first use. Chosen by package.json's "imports" under the "workerd" condition; hmac-tag.node.ts elsewhere.
const encoder = new TextEncoder();

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The first `bytes` bytes of HMAC-SHA256(secret, message) as base64url without padding. */
export function createHmacTagger(options: { secret: string; bytes: number }): (message: string) => Promise<string> {
  const { secret, bytes } = options;
  let key: Promise<CryptoKey> | undefined;
  return async (message) => {
    key ??= crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const signature = await crypto.subtle.sign("HMAC", await key, encoder.encode(message));
    return base64Url(new Uint8Array(signature, 0, bytes));
  };
}
