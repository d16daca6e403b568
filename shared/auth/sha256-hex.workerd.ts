// SHA-256 as lowercase hex in workerd: Web Crypto, native and fast there, so the Worker needs no nodejs_compat (its
// start-up cost ~12 ms of workerd CPU, docs/performance.md). Chosen by package.json's "imports" under the
// "workerd" condition; sha256-hex.node.ts elsewhere.
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  let hex = "";
  for (const byte of digest) hex += HEX[byte];
  return hex;
}
