// The table of credential formats the secret detector knows: one anchored regex per format, the capture group that
// is the secret, a confidence, and an optional check that rejects look-alikes. Order is priority on overlap.
import type { SpanType } from "../types";
import { hasMixedClasses, isLongRandomLetters, isPlaceholder, shannonEntropy } from "./secret-placeholders";

export interface SecretPattern {
  type: SpanType;
  /** Global regex; with the `d` flag when `group` is set. */
  re: RegExp;
  /** The capture group holding the secret (default: the whole match). */
  group?: number;
  score: number | ((match: RegExpExecArray) => number);
  /**
   * Cheap pre-test on the whole text (a literal the format must contain): when it fails the regex is skipped.
   * Regexes whose first character is not selective (generic assignments, bare 40-character AWS secrets) need one.
   */
  requires?: RegExp;
  /**
   * Literals at least one of which every match contains, tested before the regex. Only worth it for a regex that
   * starts with an assertion or a class (a leading literal already lets the regex engine skip ahead quickly).
   * With `ignoreCase` (for /i patterns) they are ASCII and matched ignoring case.
   */
  mustContain?: { anyOf: readonly string[]; ignoreCase?: boolean };
  /**
   * For formats found through a keyword (generic assignments): a global regex for the keyword; the pattern is then
   * tried only from the start of the identifier around each hit (read back over `[A-Za-z0-9_.-]`).
   */
  anchor?: RegExp;
  /** Extra check on the secret text; `text` and `index` let a rule look at the surrounding words. */
  accept?: (secret: string, context: { text: string; index: number; match: RegExpExecArray }) => boolean;
}

const AWS_CONTEXT = /aws|amazon|secret[_ -]?access|secret[_ -]?key/i;

function decodeBase64UrlJson(part: string): unknown {
  try {
    const body = part.replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(body + "=".repeat((4 - (body.length % 4)) % 4)));
  } catch {
    return undefined;
  }
}

/** Values in `key = value` assignments that are code, not literals: env lookups, templates, calls, paths. */
const CODE_REFERENCE =
  /^(?:process\.env|os\.environ|os\.getenv|env\.|config\.|settings\.|self\.|this\.|secrets\.|vault:|\$|%[A-Z_]+%|getenv|require\(|import\b)|\(.*\)$|^[A-Za-z_]+(?:\.[A-Za-z_]+)+$|^https?:\/\//i;

function acceptGeneric(value: string, context: { match: RegExpExecArray }): boolean {
  if (isPlaceholder(value) || CODE_REFERENCE.test(value)) return false;
  const key = context.match[1].toLowerCase();
  const entropy = shannonEntropy(value);
  if (/pass|pwd/.test(key)) {
    // Passwords are short and human-made: ask for letters plus digits or symbols and a little variety.
    return value.length >= 6 && /[A-Za-z]/.test(value) && /[\d\W_]/.test(value) && entropy >= 2.4;
  }
  if (value.length < 12) return false;
  return entropy >= (hasMixedClasses(value) ? 3.0 : 3.5);
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    type: "jwt",
    re: /eyJ(?<![\w-]eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(?![\w-])/g,
    score: 0.95,
    accept: (token) => {
      const [header, , signature] = token.split(".");
      const decoded = decodeBase64UrlJson(header);
      return typeof decoded === "object" && decoded !== null && "alg" in decoded && !isPlaceholder(signature || "x");
    },
  },
  {
    type: "anthropic_key",
    re: /sk-ant-(?<![\w-]sk-ant-)[A-Za-z0-9_-]{20,}(?![\w-])/g,
    score: 0.98,
    accept: (key) => !isPlaceholder(key.slice(7)),
  },
  {
    type: "openai_key",
    re: /sk-(?<![\w-]sk-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,}(?![\w-])/g,
    score: 0.95,
    accept: (key) => {
      const body = key.replace(/^sk-(?:(?:proj|svcacct|admin|None)-)?/, "");
      if (isPlaceholder(body)) return false;
      return hasMixedClasses(body) ? shannonEntropy(body) >= 3.5 : isLongRandomLetters(body);
    },
  },
  {
    type: "github_token",
    re: /g(?<!\wg)(?:h[pousr]_[A-Za-z0-9]{36,255}|ithub_pat_[A-Za-z0-9_]{22,255})(?!\w)/g,
    score: 0.98,
    accept: (token) => !isPlaceholder(token.slice(4)),
  },
  {
    type: "slack_token",
    re: /(?:x(?<![\w-]x)(?:ox[abposr]-[A-Za-z0-9-]{10,250}|app-\d-[A-Za-z0-9-]{10,250})|https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]{8,})(?![\w-])/g,
    score: 0.97,
    accept: (token) => !isPlaceholder(token.replace(/^xox.-|^xapp-/, "")),
  },
  {
    type: "stripe_key",
    re: /[sr](?<!\w[sr])k_(live|test)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])/g,
    score: (m) => (m[1] === "live" ? 0.97 : 0.75),
    accept: (key) => !isPlaceholder(key) && !isPlaceholder(key.slice(8)),
  },
  {
    type: "google_api_key",
    re: /AIza(?<![\w-]AIza)[0-9A-Za-z_-]{35}(?![\w-])/g,
    score: 0.97,
    accept: (key) => !isPlaceholder(key.slice(4)),
  },
  {
    type: "aws_access_key",
    re: /A(?<![A-Za-z0-9]A)(?:KIA|SIA|BIA|CCA|3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    score: 0.97,
    accept: (key) => !isPlaceholder(key),
  },
  {
    type: "password_in_url",
    re: /:\/\/([^\s:@\/?#"'<>]{1,128}):([^\s@\/?#"'<>]{1,256})@(?=[\w.\[-])/gid,
    group: 2,
    score: 0.95,
    accept: (password) => !isPlaceholder(password) && !/^[:$%<{]/.test(password) && !/^x+$|^\*+$/i.test(password),
  },
  {
    type: "aws_secret_key",
    re: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    requires: AWS_CONTEXT,
    score: 0.9,
    accept: (key, { text, index }) =>
      (hasMixedClasses(key) || isLongRandomLetters(key)) &&
      shannonEntropy(key) >= 4 &&
      !isPlaceholder(key) &&
      AWS_CONTEXT.test(text.slice(Math.max(0, index - 100), index)),
  },
  {
    type: "generic_api_key",
    re: /(?<![\w-])((?:[A-Za-z0-9]{1,30}[_.-]){0,4}[A-Za-z0-9]{0,20}?(?:api[_-]?key|apikey|secret(?:[_-]?key)?|(?:access[_-]?|auth[_-]?|bearer[_-]?|refresh[_-]?)?token|passw(?:or)?d|pwd|passphrase|client[_-]?secret|private[_-]?key|credentials?)(?:[_.-][A-Za-z0-9]{1,30}){0,3})["']?[ \t]*(?::=|=>|=|:)[ \t]*(["'`]?)([^\s"'`,;]{6,256})/gid,
    group: 3,
    anchor: /api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|passphrase|credential/gi,
    score: (m) => (shannonEntropy(m[3]) >= 4 ? 0.85 : 0.8),
    accept: (value, context) => acceptGeneric(value, context),
  },
  {
    type: "generic_api_key",
    mustContain: { anyOf: ["authorization", "bearer"], ignoreCase: true },
    re: /\b(?:authorization|bearer)["']?[ \t]*[:=]?[ \t]*["']?(?:bearer|token|basic)[ \t]+([A-Za-z0-9._~+\/-]{16,}=*)/gid,
    group: 1,
    score: 0.85,
    accept: (value) => !isPlaceholder(value) && shannonEntropy(value) >= 3.2,
  },
];
