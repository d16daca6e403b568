// Decides how much of the end of a streamed text must be held back because it could still turn into a match
// (a card number still being typed, a key prefix, an open PEM block, an unfinished word, a partial placeholder).
// Everything before that point can be screened and released at once. Pure: no state, no clock.

export interface HoldBackLimits {
  /** Most characters held for an ordinary unfinished word or digit run. */
  holdBackLimit: number;
  /** Most characters held for an open `-----BEGIN` block or a token that starts like a known secret. */
  blockHoldBackLimit: number;
  /**
   * "all" (default) holds every unfinished word: nothing inside a later match ever leaks (a plain word closed by
   * punctuation is finished: isFinishedWord). "suspicious" releases
   * plain letter words at once (first token sooner) at the cost that an email's local part typed as its own delta
   * ("jsmith" then "@mail.com") goes out before the rest is redacted. Keys, cards, placeholders are held either way.
   */
  holdWords?: "all" | "suspicious";
}

export type HoldBackReason = "none" | "word" | "secret_prefix" | "digits" | "pem_block";

export interface HoldBack {
  /** Index into `text` from which the text is held; `text.length` when nothing is held. */
  start: number;
  reason: HoldBackReason;
  /** The hold was cut short by a limit: text that might still have grown into a match is released. */
  capped: boolean;
}

export const DEFAULT_HOLD_BACK_LIMITS: HoldBackLimits = { holdBackLimit: 256, blockHoldBackLimit: 4096 };

// Key prefixes of the secret detectors (DESIGN span types). A token containing one may be long (JWT, PEM-less keys),
// so it gets the larger limit.
const SECRET_PREFIX = /sk-|sk_(?:live|test)_|rk_(?:live|test)_|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|AKIA|ASIA|xox[abposr]-|xapp-|AIza|eyJ|-----BEGIN/;
const PEM_END = /-----END [A-Z0-9 ]+-----/;
// Digit runs (cards, phones, IBANs, SSNs) run at most ~42 characters with separators.
const MAX_DIGIT_RUN = 48;

// Letter-only beginnings of key prefixes: a plain word that is (or starts) one of these may still become a key.
const LETTER_PREFIXES = ["sk", "rk", "ghp", "gho", "ghu", "ghs", "ghr", "github", "AKIA", "ASIA", "xox", "xapp", "AIza", "eyJ"];
const PLAIN_WORD = /^[A-Za-z][a-z]*[,!?;)]*$/;

/** A word that can only be prose: letters (capitalised at most), optional closing punctuation, no key prefix. */
function isPlainWord(word: string): boolean {
  if (word.length >= 20 || !PLAIN_WORD.test(word)) return false;
  const letters = word.replace(/[^A-Za-z]/g, "");
  return !LETTER_PREFIXES.some((p) => p.startsWith(letters) || letters.startsWith(p));
}

const CLOSING_PUNCTUATION = /[,!?;)]$/;
// A secret's name and its separator just before a word ("password: ", "api_key = '"): the generic secret rule's value
// may hold "!", "?" and ")". The names are those of that rule (secret-patterns.ts), in any part of the name.
const AFTER_SECRET_NAME = /(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|passphrase|private[_-]?key|credential)[\w.-]*["']?[ \t]*(?::=|=>|=|:)[ \t]*["'`]?$/i;

/**
 * A plain word closed by punctuation ("Sure!", "Hello,") is finished even with nothing after it yet: no detector's
 * match runs on from a letter word through those marks (an email's local part, keys, numbers, IBANs and URLs do not
 * hold them), except a `password: value` secret's value, so a word right after a secret's name and ":" or "=" stays
 * held. Releasing it at once saves a chat answer's first word a whole delta gap ("Sure" then "!" then " here").
 */
function isFinishedWord(options: { word: string; text: string; wordStart: number }): boolean {
  const { word, text, wordStart } = options;
  if (!CLOSING_PUNCTUATION.test(word) || !isPlainWord(word)) return false;
  return !AFTER_SECRET_NAME.test(text.slice(Math.max(0, wordStart - 64), wordStart));
}

function isWordChar(code: number): boolean {
  return code > 32 && code < 127; // printable ASCII: every detector pattern is made of it; CJK prose is not held
}

function isDigitRunChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z (IBAN country and bank codes)
    code === 32 || code === 0xa0 || code === 45 || code === 46 || code === 40 || code === 41 || code === 43 || code === 47
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function trailingWordStart(text: string, floor: number): number {
  let i = text.length;
  while (i > floor && isWordChar(text.charCodeAt(i - 1))) i--;
  return i;
}

function trailingDigitRunStart(text: string): number {
  const floor = Math.max(0, text.length - MAX_DIGIT_RUN);
  let i = text.length;
  let sawDigit = false;
  while (i > floor) {
    const code = text.charCodeAt(i - 1);
    if (!isDigitRunChar(code)) break;
    if (code === 32 && text.charCodeAt(i - 2) === 32) break; // two spaces end a number
    if (isDigit(code)) sawDigit = true;
    i--;
  }
  if (!sawDigit) return text.length;
  while (i < text.length && !isDigit(text.charCodeAt(i)) && !(text.charCodeAt(i) >= 65 && text.charCodeAt(i) <= 90) && text.charCodeAt(i) !== 43 && text.charCodeAt(i) !== 40) i++;
  return i;
}

function openPemBlockStart(text: string, floor: number): number {
  const begin = text.lastIndexOf("-----BEGIN", text.length);
  if (begin === -1 || begin < floor) return text.length;
  return PEM_END.test(text.slice(begin)) ? text.length : begin;
}

/**
 * The hold `best` or one from `start` (the tail there matched `reason`), whichever starts first, kept within the
 * relevant limit and never before `from`. A module function, not a closure in holdBackStart: that runs per streamed
 * chunk, and a named closure costs a `__name` call per run where esbuild keeps names (tsx; docs/performance.md).
 */
function earlier(options: { best: HoldBack; start: number; reason: HoldBackReason; limit: number; from: number; length: number }): HoldBack {
  const { best, start, limit, length } = options;
  if (start >= length) return best;
  const clamped = Math.max(start, Math.max(options.from, length - limit));
  return clamped < best.start ? { start: clamped, reason: options.reason, capped: start < length - limit } : best;
}

/**
 * Where the held-back tail of `text` starts. `from` is the first index not yet released (nothing before it can be
 * held any more); the hold never reaches further back than the relevant limit.
 */
export function holdBackStart(options: { text: string; from: number; limits?: HoldBackLimits }): HoldBack {
  const { text, from } = options;
  const limits = options.limits ?? DEFAULT_HOLD_BACK_LIMITS;
  const length = text.length;
  let best: HoldBack = { start: length, reason: "none", capped: false };
  const wordStart = trailingWordStart(text, Math.max(0, length - limits.blockHoldBackLimit - 1));
  if (wordStart < length) {
    const word = text.slice(wordStart);
    const prefixed = SECRET_PREFIX.test(word);
    const released = limits.holdWords === "suspicious" ? isPlainWord(word) : isFinishedWord({ word, text, wordStart });
    if (prefixed || !released) {
      const limit = prefixed ? limits.blockHoldBackLimit : limits.holdBackLimit;
      best = earlier({ best, start: wordStart, reason: prefixed ? "secret_prefix" : "word", limit, from, length });
    }
  }
  best = earlier({ best, start: trailingDigitRunStart(text), reason: "digits", limit: limits.holdBackLimit, from, length });
  const pemStart = openPemBlockStart(text, Math.max(0, length - limits.blockHoldBackLimit));
  best = earlier({ best, start: pemStart, reason: "pem_block", limit: limits.blockHoldBackLimit, from, length });
  if (best.start < from) best = { ...best, start: from };
  return best;
}
