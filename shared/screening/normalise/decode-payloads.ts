// Decodes payloads hidden in text (base64, hex, percent-encoding, rot13) so meaning-based detectors also read them.
// Linear time: each run is found by one pass (a lookup-table loop or one global regex) and decoded once; output is
// capped so a huge blob costs little. Candidate runs that are not valid UTF-8 (random keys, hashes) are rejected by a
// byte check before any decoder runs, so ordinary text never pays for a thrown decoding error.

const MIN_RUN = 16;
// 1 = base64/base64url alphabet, 2 = also a hex digit. A lookup-table loop finds runs far faster than a regex.
const RUN_CHAR = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") RUN_CHAR[ch.charCodeAt(0)] = 1;
for (const ch of "0123456789abcdefABCDEF") RUN_CHAR[ch.charCodeAt(0)] = 2;
const ESCAPED_HEX_RUN = /(?:\\x[0-9A-Fa-f]{2}){4,}/g;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2}){4,}/g;
const ROT13_TRIGGER = /\brot[\s_-]?13\b/i;
const CONTROL = /[\p{C}\uFFFD]/gu;
const LETTER = /\p{L}/gu;

export interface DecodeLimits {
  /** Most decoded characters appended in total. */
  maxOutput: number;
  /** Most runs decoded (of each kind). */
  maxRuns: number;
  /** Longest run decoded; longer runs are decoded up to this many characters. */
  maxRunLength: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxOutput: 16_384, maxRuns: 32, maxRunLength: 8_192 };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type Utf8Shape = "invalid" | "ascii" | "multibyte";

/** Whether `bytes` is well-formed UTF-8 (Unicode table 3-7, what a fatal TextDecoder accepts), and all ASCII. */
export function utf8Shape(bytes: Uint8Array): Utf8Shape {
  let kind: Utf8Shape = "ascii";
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    kind = "multibyte";
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return "invalid";
    if (i + need >= n) return "invalid";
    const second = bytes[i + 1];
    if (second < low || second > high) return "invalid";
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k];
      if (next < 0x80 || next > 0xbf) return "invalid";
    }
    i += need + 1;
  }
  return kind;
}

function asciiString(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  }
  return text;
}

/** Decoded text is kept only when it is valid UTF-8 and mostly printable with some letters: real hidden prose. */
function readable(bytes: Uint8Array): string | undefined {
  if (bytes.length < 6) return undefined;
  const shape = utf8Shape(bytes);
  if (shape === "invalid") return undefined;
  // Most runs are keys, hashes and ids whose bytes fail the test below: decide on the bytes, and build a string only
  // for a payload that is kept (ASCII) or may be (multibyte: its UTF-16 length is known only after decoding).
  const counts = byteCounts(bytes);
  if (counts.controls > (bytes.length - counts.whitespace) * 0.1) return undefined; // exact: see ByteCounts
  if (shape === "ascii") return counts.letters < Math.min(4, bytes.length / 2) ? undefined : asciiString(bytes);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  const withoutWhitespace = text.replace(/[\t\n\r]/g, "");
  const controls = withoutWhitespace.match(CONTROL)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 0;
  if (controls > withoutWhitespace.length * 0.1 || letters < Math.min(4, text.length / 2)) return undefined;
  return text;
}

/**
 * What the ASCII bytes of a payload decode to. Each ASCII byte of valid UTF-8 is one character, and the decoded text
 * has at most one UTF-16 unit per byte, so `controls` is at most the text's control characters and bytes minus
 * `whitespace` at least its length without tab, line feed and return: too many controls here means too many in the
 * text. For an all-ASCII payload the counts are the text's own (its \p{L} letters are A–Z and a–z).
 */
interface ByteCounts {
  /** C0 controls other than tab, line feed and return, and DEL: \p{C} in ASCII. */
  controls: number;
  /** Tab, line feed and return. */
  whitespace: number;
  letters: number;
}

function byteCounts(bytes: Uint8Array): ByteCounts {
  let controls = 0;
  let whitespace = 0;
  let letters = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20) {
      if (b === 9 || b === 10 || b === 13) whitespace++;
      else controls++;
    } else if (b === 0x7f) controls++;
    else if ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a) letters++;
  }
  return { controls, whitespace, letters };
}

function decodeBase64(run: string): string | undefined {
  // Runs of one letter case only are ordinary words or identifiers; real base64 of text mixes cases.
  if (!/[a-z]/.test(run) || !/[A-Z]/.test(run)) return undefined;
  let body = run.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (body.length % 4 === 1) body = body.slice(0, -1);
  body += "=".repeat((4 - (body.length % 4)) % 4);
  try {
    const binary = atob(body);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return readable(bytes);
  } catch {
    return undefined;
  }
}

// The value of a hex digit by code; 16 for any other character.
const HEX_VALUE = new Uint8Array(128).fill(16);
for (let d = 0; d < 16; d++) {
  HEX_VALUE["0123456789abcdef".charCodeAt(d)] = d;
  HEX_VALUE["0123456789ABCDEF".charCodeAt(d)] = d;
}

function hexValue(code: number): number {
  return code < 128 ? HEX_VALUE[code] : 16;
}

/** Pairs of digits to bytes as parseInt(pair, 16) reads them: a run's "=" padding is 0 alone, nothing after a digit. */
function decodeHex(digits: string): string | undefined {
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = hexValue(digits.charCodeAt(2 * i));
    const low = hexValue(digits.charCodeAt(2 * i + 1));
    bytes[i] = high === 16 ? 0 : low === 16 ? high : (high << 4) | low;
  }
  return readable(bytes);
}

function decodePercent(run: string): string | undefined {
  try {
    const text = decodeURIComponent(run);
    return readable(new TextEncoder().encode(text));
  } catch {
    return undefined;
  }
}

export function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (ch) => {
    const base = ch <= "Z" ? 65 : 97;
    return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Decoded payloads kept so far and the output budget left. */
interface Collected {
  out: string[];
  budget: number;
}

function keep(collected: Collected, decoded: string | undefined): void {
  if (!decoded || collected.budget <= 0) return;
  const kept = decoded.length > collected.budget ? decoded.slice(0, collected.budget) : decoded;
  collected.budget -= kept.length;
  collected.out.push(kept);
}

function decodeMatches(options: {
  collected: Collected;
  text: string;
  re: RegExp;
  decode: (run: string) => string | undefined;
  limits: DecodeLimits;
}): void {
  const { collected, text, re, decode, limits } = options;
  re.lastIndex = 0;
  let runs = 0;
  let match: RegExpExecArray | null;
  while (collected.budget > 0 && runs < limits.maxRuns && (match = re.exec(text)) !== null) {
    runs++;
    keep(collected, decode(match[0].slice(0, limits.maxRunLength)));
  }
}

function decodeEscapedHex(run: string): string | undefined {
  return decodeHex(run.replace(/\\x/g, ""));
}

/** 0 outside the base64 alphabet, 1 in it, 2 for a hex digit. */
function runKind(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code < 128 ? RUN_CHAR[code] : 0;
}

function isHexRun(text: string, start: number, stop: number): boolean {
  for (let i = start; i < stop; i++) if (runKind(text, i) !== 2) return false;
  return true;
}

/** The readable payloads hidden in `text`, in order of kind, within `limits`. */
export function decodePayloads(text: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): string[] {
  // No named closures in hot code: keepNames renames them on every call (docs/performance.md).
  const collected: Collected = { out: [], budget: limits.maxOutput };
  // Maximal runs of the base64 alphabet at least MIN_RUN long (with up to two "=" of padding), hex-only or not. Such a
  // run covers one of every MIN_RUN consecutive offsets, so only every MIN_RUN-th character is probed; a probe that
  // lands in the alphabet is widened to its whole run. Ordinary text is looked at ~3x less than char by char.
  let runs = 0;
  let base = 0;
  for (let probe = MIN_RUN - 1; probe < text.length && collected.budget > 0 && runs < limits.maxRuns; probe += MIN_RUN) {
    if (runKind(text, probe) === 0) continue;
    let start = probe;
    while (start > base && runKind(text, start - 1) !== 0) start--;
    let stop = probe + 1;
    while (stop < text.length && runKind(text, stop) !== 0) stop++;
    // The next run starts after this one's end; probing restarts MIN_RUN - 1 past it.
    base = stop + 1;
    probe = stop;
    if (stop - start < MIN_RUN) continue;
    let end = stop;
    while (end < text.length && end - stop < 2 && text.charCodeAt(end) === 61 /* = */) end++;
    runs++;
    const clipped = text.slice(start, Math.min(end, start + limits.maxRunLength));
    keep(collected, isHexRun(text, start, stop) && clipped.length % 2 === 0 ? decodeHex(clipped) : decodeBase64(clipped));
  }
  if (text.includes("\\x")) decodeMatches({ collected, text, re: ESCAPED_HEX_RUN, decode: decodeEscapedHex, limits });
  if (text.includes("%")) decodeMatches({ collected, text, re: PERCENT_RUN, decode: decodePercent, limits });
  if (ROT13_TRIGGER.test(text)) keep(collected, rot13(text));
  return collected.out;
}
