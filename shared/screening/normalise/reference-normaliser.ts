// Test-only oracle: the original, straightforward normaliser (confusables + payload decoding + normaliseText + the
// normalised view with its decoded payloads) exactly as it was before the speed work, so tests can check the fast one against it on any input.
// Never import this from runtime code.
const FOLD: Record<string, string> = {
  // Cyrillic (lower case; upper case is lowered first)
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  ѕ: "s", і: "i", ї: "i", ј: "j", ԁ: "d", ԛ: "q", ԝ: "w", ү: "y", һ: "h", ӏ: "l", ɡ: "g", ԍ: "g", ь: "b", п: "n",
  // Greek
  α: "a", β: "b", γ: "y", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w",
  ς: "c", μ: "u", ϲ: "c", ϳ: "j",
  // Latin extensions and IPA that render as plain letters
  ı: "i", ȷ: "j", ɑ: "a", ɩ: "i", ɪ: "i", ʏ: "y", ɴ: "n", ʀ: "r", ᴀ: "a", ᴄ: "c", ᴅ: "d", ᴇ: "e", ᴋ: "k", ᴍ: "m",
  ᴏ: "o", ᴘ: "p", ᴛ: "t", ᴜ: "u", ᴠ: "v", ᴡ: "w", ᴢ: "z", ꜱ: "s", ꞯ: "q", ʜ: "h", ʟ: "l", ɢ: "g",
};

const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join("")}]`, "gu");

/** Replaces look-alike letters in already lower-cased text with their Latin counterparts. */
export function referenceFoldConfusables(lowerText: string): string {
  return lowerText.replace(FOLDABLE, (ch) => FOLD[ch] ?? ch);
}
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

interface DecodeLimits {
  /** Most decoded characters appended in total. */
  maxOutput: number;
  /** Most runs decoded (of each kind). */
  maxRuns: number;
  /** Longest run decoded; longer runs are decoded up to this many characters. */
  maxRunLength: number;
}

const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxOutput: 16_384, maxRuns: 32, maxRunLength: 8_192 };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Decoded text is kept only when it is valid UTF-8 and mostly printable with some letters: real hidden prose. */
function readable(bytes: Uint8Array): string | undefined {
  if (bytes.length < 6) return undefined;
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

function decodeHex(digits: string): string | undefined {
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
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

function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (ch) => {
    const base = ch <= "Z" ? 65 : 97;
    return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Maximal runs of the base64 alphabet at least MIN_RUN long (with trailing "=" padding), and whether all hex. */
function* alphabetRuns(text: string): Generator<{ text: string; hexOnly: boolean }> {
  let start = -1;
  let hexOnly = true;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const kind = code < 128 ? RUN_CHAR[code] : 0;
    if (kind !== 0) {
      if (start < 0) {
        start = i;
        hexOnly = true;
      }
      if (kind !== 2) hexOnly = false;
      continue;
    }
    if (start >= 0 && i - start >= MIN_RUN) {
      let end = i;
      while (end < text.length && end - i < 2 && text[end] === "=") end++;
      yield { text: text.slice(start, end), hexOnly };
    }
    start = -1;
  }
}

/** The readable payloads hidden in `text`, in order of kind, within `limits`. */
export function referenceDecodePayloads(text: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): string[] {
  const out: string[] = [];
  let budget = limits.maxOutput;
  const push = (decoded: string | undefined): void => {
    if (!decoded || budget <= 0) return;
    const kept = decoded.length > budget ? decoded.slice(0, budget) : decoded;
    budget -= kept.length;
    out.push(kept);
  };
  const scan = (re: RegExp, decode: (run: string) => string | undefined): void => {
    re.lastIndex = 0;
    let runs = 0;
    let match: RegExpExecArray | null;
    while (budget > 0 && runs < limits.maxRuns && (match = re.exec(text)) !== null) {
      runs++;
      push(decode(match[0].slice(0, limits.maxRunLength)));
    }
  };
  let runs = 0;
  for (const run of alphabetRuns(text)) {
    if (budget <= 0 || runs >= limits.maxRuns) break;
    runs++;
    const clipped = run.text.slice(0, limits.maxRunLength);
    if (run.hexOnly && clipped.length % 2 === 0) push(decodeHex(clipped));
    else push(decodeBase64(clipped));
  }
  if (text.includes("\\x")) scan(ESCAPED_HEX_RUN, (run) => decodeHex(run.replace(/\\x/g, "")));
  if (text.includes("%")) scan(PERCENT_RUN, decodePercent);
  if (ROT13_TRIGGER.test(text)) push(rot13(text));
  return out;
}
const HORIZONTAL_WHITESPACE =
  /[\t\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]{2,}|[\t\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** NFKC + lower-case + confusable folding + whitespace collapsing of one piece of text (no payload decoding). */
export function referenceNormaliseText(text: string): string {
  const folded = referenceFoldConfusables(text.normalize("NFKC").toLowerCase());
  // Single spaces (the common case) are left alone, so only real runs and odd whitespace are rewritten.
  return folded.replace(HORIZONTAL_WHITESPACE, " ").replace(/ ?\n\s*/g, "\n").trim();
}

/** referenceNormaliseText(cleaned) followed by each readable decoded payload, normalised the same way, one per line. */
export function referenceBuildNormalised(cleaned: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): string {
  const parts = [referenceNormaliseText(cleaned)];
  for (const payload of referenceDecodePayloads(cleaned, limits)) parts.push(referenceNormaliseText(payload));
  return parts.join("\n");
}
