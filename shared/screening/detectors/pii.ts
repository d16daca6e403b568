// The pii detector: emails, phone numbers, payment cards, US SSNs, IBANs, IP addresses and (with a context word)
// passport numbers, located in the cleaned text and reported as typed spans in original offsets. Each pattern is
// anchored by a look-behind so a long run of digits or letters is tried from its start only (linear time), and
// every candidate is confirmed by a checksum or structural rule before it is reported.
import type { Detector, Finding, ScanInput } from "../types";
import type { ScoredSpan } from "./span-mapping";
import { ibanValid, ipv6Valid, knownCardPrefix, luhnValid, phoneShape, ssnValid } from "./pii-validators";
import { dropOverlaps, groupByScore, hasContextBefore } from "./span-mapping";

export type PiiType = "email" | "phone" | "credit_card" | "ssn" | "iban" | "ip_address" | "passport";

export interface PiiDetectorOptions {
  /** Span types to look for; all by default. */
  types?: readonly PiiType[];
}


// Every pattern starts with one specific character and checks the character before it with a fixed-length
// look-behind placed after that first character: the engine can then skip most positions with a cheap first-character
// test, and a long run of digits or letters is still tried from its start only (linear time).
const EMAIL_DOMAIN = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/y;
const PHONE =
  /(?:[+(](?<![\w+@.\/-][+(])[\d(]|\d(?<![\w+@.\/-]\d))[\d ().\-]{5,24}\d(?: ?(?:x|ext\.?) ?\d{1,5})?(?![\w@]|[.\-\/]\d)/g;
const CARD = /\d(?<![\w.+-]\d)(?:[ -]?\d){11,18}(?!\w|[.\-]\d)/g;
const SSN = /(\d(?<![\w-]\d)\d{2})([- ]?)(\d{2})\2(\d{4})(?![\w-])/g;
const IBAN = /[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z]\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/g;
const IPV4 = /\d(?<![\w.]\d)\d{0,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\w|\.\d|-[A-Za-z])/g;
const IPV6_AT = /(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:])/y;
// Characters of an email local part ([A-Za-z0-9_.%+-]), by code: read back from each "@" without a regex call.
const LOCAL_CHAR = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.%+-") LOCAL_CHAR[ch.charCodeAt(0)] = 1;
const HEX_OR_COLON = /[0-9A-Fa-f:]/;
const BEFORE_IP = /[\w:.]/;
const PASSPORT =
  /(?:passport|pasaporte|passeport|reisepass|passaporto|passaporte|paszport|паспорт)(?:[\s:#.,°º-]|\b(?:no|nr|num|number|numero|número|nummer|is|was|id|details)\b){0,8}?([A-Z]{0,2}\d[A-Z0-9]{5,8})(?![A-Za-z0-9])/giud;

const PHONE_CONTEXT =
  /\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|text me|ring|dial|ph|mob|teléfono|telefono|téléphone|telefon|handy|celular|móvil)\b/i;
// Weaker cues, trusted only for digit groups with separators (a bare digit run near "number" is an order number).
const PHONE_CONTEXT_WEAK =
  /\b(?:number|no|reach|contact|office|desk|home|work|messages?|registered|answering|text|line|hotline)\b[^\d\n]{0,12}$/i;
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/[^\s@\/]*$/i;
const CARD_CONTEXT = /\b(?:card|visa|mastercard|amex|credit|debit|cc|payment|pay)\b/i;
const SSN_CONTEXT = /\b(?:ssn|social security|ss#|ss no|tax id|tin)\b/i;
const VERSION_CONTEXT = /\b(?:v|version|ver|release|build|rev|firmware|fw|chrome|firefox|android|ios)\.?\s*$/i;

const ALL_TYPES: readonly PiiType[] = ["email", "phone", "credit_card", "ssn", "iban", "ip_address", "passport"];

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    yield match;
    if (match[0].length === 0) re.lastIndex++;
  }
}

/** Emails are anchored on "@" (found with indexOf), then the local part is read backwards and the domain forwards. */
function findEmails(text: string, out: ScoredSpan[]): void {
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && at - start <= 64 && LOCAL_CHAR[text.charCodeAt(start - 1)] === 1) start--;
    if (at - start > 64) continue;
    start += escapeTail(text, start);
    if (start >= at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const domainMatch = EMAIL_DOMAIN.exec(text);
    if (!domainMatch) continue;
    const local = text.slice(start, at);
    const labels = domainMatch[0].replace(/-+$/, "").split(".");
    const tld = labels[labels.length - 1];
    if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) continue;
    if (!/^[A-Za-z]{2,24}$/.test(tld) || labels.some((l) => l.length === 0 || l.length > 63)) continue;
    // "postgres://user:pass@db.host" is a URL with credentials (the secret detector's business), not an email.
    const before = text.slice(Math.max(0, start - 200), start);
    if (before.includes("://") && URL_USERINFO.test(before)) continue;
    out.push({ start, end: at + 1 + labels.join(".").length, type: "email", score: 0.98 });
  }
}

/**
 * In JSON text (tool-call arguments) `line\nbob@…` is an escape, then the address: the characters of the escape that
 * read as a local part ("n", "u00e9") are not part of it, and redacting them would leave a broken escape behind.
 */
function escapeTail(text: string, start: number): number {
  let backslashes = 0;
  while (start - backslashes > 0 && text.charCodeAt(start - backslashes - 1) === 92 /* \\ */) backslashes++;
  if (backslashes % 2 === 0) return 0; // no backslash, or an escaped one: the letters that follow are text
  const letter = text[start];
  if (letter === "u") return /^u[0-9A-Fa-f]{4}/.test(text.slice(start, start + 5)) ? 5 : 0;
  return letter === "n" || letter === "t" || letter === "r" ? 1 : 0;
}

function findCards(text: string, out: ScoredSpan[]): void {
  for (const m of matches(CARD, text)) {
    const raw = m[0];
    const digits = raw.replace(/\D/g, "");
    if (digits.length < 12 || digits.length > 19 || !knownCardPrefix(digits) || !luhnValid(digits)) continue;
    const separators = new Set(raw.replace(/\d/g, ""));
    if (separators.size > 1) continue;
    const groups = raw.split(/[ -]/).map((g) => g.length);
    const grouped = groups.length > 1;
    if (grouped) {
      const fours = groups.slice(0, -1).every((g) => g === 4) && groups[groups.length - 1] <= 4;
      const amexLike = groups.length === 3 && groups[0] === 4 && groups[1] === 6 && groups[2] >= 4 && groups[2] <= 5;
      if (!fours && !amexLike) continue;
    }
    // The context words only raise the score of an ungrouped run, so they are looked for only then.
    const confident = grouped || hasContextBefore(text, m.index, CARD_CONTEXT, 40);
    out.push({ start: m.index, end: m.index + raw.length, type: "credit_card", score: confident ? 0.97 : 0.88 });
  }
}

function findSsns(text: string, out: ScoredSpan[]): void {
  for (const m of matches(SSN, text)) {
    const [, area, separator, group, serial] = m;
    if (!ssnValid(area, group, serial)) continue;
    const context = hasContextBefore(text, m.index, SSN_CONTEXT, 40);
    if (separator !== "-" && !context) continue;
    out.push({ start: m.index, end: m.index + m[0].length, type: "ssn", score: context ? 0.97 : 0.9 });
  }
}

function findIbans(text: string, out: ScoredSpan[]): void {
  for (const m of matches(IBAN, text)) {
    if (!ibanValid(m[0].replace(/ /g, "").toUpperCase())) continue;
    out.push({ start: m.index, end: m.index + m[0].length, type: "iban", score: 0.97 });
  }
}

function validIpv4(candidate: string): boolean {
  return candidate.split(".").every((octet) => Number(octet) <= 255 && (octet.length === 1 || octet[0] !== "0"));
}

function findIps(text: string, out: ScoredSpan[]): void {
  for (const m of matches(IPV4, text)) {
    if (!validIpv4(m[0]) || hasContextBefore(text, m.index, VERSION_CONTEXT, 20)) continue;
    const smallOctets = m[0].split(".").every((o) => o.length === 1);
    out.push({ start: m.index, end: m.index + m[0].length, type: "ip_address", score: smallOctets ? 0.45 : 0.9 });
  }
  // IPv6 is anchored on ":" (indexOf): read back to the start of the hex/colon run, then match forwards there.
  for (let colon = text.indexOf(":"); colon >= 0; ) {
    let start = colon;
    while (start > 0 && colon - start < 40 && HEX_OR_COLON.test(text[start - 1])) start--;
    let next = colon + 1;
    if (start === 0 || !BEFORE_IP.test(text[start - 1])) {
      IPV6_AT.lastIndex = start;
      const m = IPV6_AT.exec(text);
      if (m && ipv6Valid(m[0])) {
        out.push({ start, end: start + m[0].length, type: "ip_address", score: 0.92 });
        next = start + m[0].length;
      }
    }
    // Skip the rest of this hex/colon run: every ":" in it leads back to the same start.
    while (next < text.length && HEX_OR_COLON.test(text[next])) next++;
    colon = text.indexOf(":", next);
  }
}

function findPhones(text: string, out: ScoredSpan[]): void {
  for (const m of matches(PHONE, text)) {
    let raw = m[0];
    // The open parenthesis of "(415) 555-2671" belongs to the number, a closing one at the end usually does not.
    if (raw.endsWith(")") && !raw.includes("(")) raw = raw.slice(0, -1);
    const shape = phoneShape(raw);
    if (shape === "none") continue;
    // International and North American shapes score the same with or without context words: skip the search.
    if (shape === "international" || shape === "nanp") {
      out.push({ start: m.index, end: m.index + raw.length, type: "phone", score: 0.95 });
      continue;
    }
    const separated = /[\s.()-]/.test(raw);
    const context =
      hasContextBefore(text, m.index, PHONE_CONTEXT, 30) || (separated && hasContextBefore(text, m.index, PHONE_CONTEXT_WEAK, 30));
    if (shape === "bare" && !context) continue;
    const score = shape === "bare" ? 0.8 : context ? 0.93 : 0.85;
    out.push({ start: m.index, end: m.index + raw.length, type: "phone", score });
  }
}

function findPassports(text: string, out: ScoredSpan[]): void {
  for (const m of matches(PASSPORT, text)) {
    const range = m.indices?.[1];
    if (!range) continue;
    out.push({ start: range[0], end: range[1], type: "passport", score: 0.9 });
  }
}

// Order is priority when spans overlap: checksummed types first, loose phone shapes last.
const FINDERS: ReadonlyArray<{ type: PiiType; find: (text: string, out: ScoredSpan[]) => void }> = [
  { type: "iban", find: findIbans },
  { type: "credit_card", find: findCards },
  { type: "ssn", find: findSsns },
  { type: "email", find: findEmails },
  { type: "ip_address", find: findIps },
  { type: "passport", find: findPassports },
  { type: "phone", find: findPhones },
];

/** PII spans (cleaned offsets) with their scores; exported for the eval scripts and tests. */
export function findPii(text: string, types: readonly PiiType[] = ALL_TYPES): ScoredSpan[] {
  const found: ScoredSpan[] = [];
  for (const finder of FINDERS) if (types.includes(finder.type)) finder.find(text, found);
  return dropOverlaps(found);
}

export function createPiiDetector(options: PiiDetectorOptions = {}): Detector {
  const types = options.types ?? ALL_TYPES;
  return {
    id: "pii",
    categories: ["pii"],
    directions: ["input", "output"],
    scan(input: ScanInput): Finding[] {
      return groupByScore({ detector: "pii", category: "pii", input, spans: findPii(input.cleaned, types) });
    },
  };
}
