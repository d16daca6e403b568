// Checksums and structural rules that turn PII-shaped strings into confident matches: Luhn and issuer prefixes for
// cards, mod-97 and per-country length for IBANs, SSA rules for SSNs, an IPv6 parser, phone-shape classification.

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Known issuer prefixes (IIN ranges) and the lengths each scheme issues. */
export function knownCardPrefix(digits: string): boolean {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === "4") return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19; // Discover
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095) return n >= 14 && n <= 19; // Diners
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19; // JCB
  if (p4 === 2131 || p4 === 1800) return n === 15; // old JCB
  if (p2 === 62 || p2 === 81) return n >= 16 && n <= 19; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19; // Maestro
  if (p4 >= 2200 && p4 <= 2204) return n === 16; // Mir
  return false;
}

// IBAN length per country (ISO 13616 registry).
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27,
  MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** `compact` is upper-case without spaces. */
export function ibanValid(compact: string): boolean {
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** Social Security Administration rules: no 000/666/9xx area, no 00 group, no 0000 serial. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === "000" || area === "666" || area[0] === "9") return false;
  if (group === "00" || serial === "0000") return false;
  // Numbers the SSA itself published in advertising and examples.
  return !(area === "078" && group === "05" && serial === "1120") && !(area === "123" && group === "45" && serial === "6789");
}

export function ipv6Valid(candidate: string): boolean {
  let text = candidate;
  let groupsNeeded = 8;
  const v4 = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4) {
    if (!v4[1].split(".").every((o) => Number(o) <= 255)) return false;
    text = text.slice(0, text.length - v4[1].length) + "0:0";
  }
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  if (halves.length === 1) return groups.length === groupsNeeded;
  groupsNeeded -= 1;
  // "::" alone or "a::b" in prose (C++ scopes, "Note::"), need digits somewhere and at least two groups (or ::1).
  if (groups.length > groupsNeeded) return false;
  if (candidate === "::1") return true;
  return groups.length >= 2 && /\d/.test(candidate) && /^[0-9a-f:.]+$/i.test(candidate);
}

export type PhoneShape = "international" | "nanp" | "national" | "bare" | "none";

const DATE_SHAPE = /^(?:\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4})$/;
const SSN_LAYOUT = /^\d{3}-\d{2}-\d{4}$/;
const NANP = /^(?:\+?1[ .-]?)?(?:\(([2-9]\d\d)\)[ .-]?|([2-9]\d\d)[ .-])([2-9]\d\d)[ .-](\d{4})(?:\s*(?:x|ext\.?)\s*\d{1,5})?$/i;

/** Classifies a phone-shaped candidate (digits, spaces, dots, dashes, parentheses, a leading +). */
export function phoneShape(candidate: string): PhoneShape {
  // Dates and the SSN layout are never phones, whatever their digits.
  if (DATE_SHAPE.test(candidate) || SSN_LAYOUT.test(candidate)) return "none";
  // One pass for what the rules below need: the digits, and the separators (anything but digits and "+").
  let digits = "";
  let separators = 0;
  let dotsOnly = true;
  for (let i = 0; i < candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += candidate[i];
    else if (code !== 43 /* + */) {
      separators++;
      if (code !== 46 /* . */) dotsOnly = false;
    }
  }
  // Dot-only groups are versions, IPs or section numbers unless they follow the 3-3-4 North American layout.
  if (separators > 0 && dotsOnly && !NANP.test(candidate)) {
    return digits.length >= 8 && digits.length <= 12 ? "bare" : "none";
  }
  if (candidate.startsWith("+")) return digits.length >= 8 && digits.length <= 15 ? "international" : "none";
  if (NANP.test(candidate)) return "nanp";
  if (/^00[1-9]/.test(digits) && separators > 0 && digits.length >= 10 && digits.length <= 15) return "international";
  if (separators === 0) return digits.length >= 7 && digits.length <= 15 ? "bare" : "none";
  const groups = candidate.split(/[ .\-()]+/).filter(Boolean);
  // National numbers start with a trunk 0 (07700 900123, 020 7946 0958, 06-12345678); groups of 2-5 digits.
  if (digits[0] === "0" && digits.length >= 9 && digits.length <= 12 && groups.every((g) => g.length >= 2 && g.length <= 8)) {
    return "national";
  }
  return digits.length >= 7 && digits.length <= 15 ? "bare" : "none";
}
