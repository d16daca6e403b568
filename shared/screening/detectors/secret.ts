// The secret detector: cloud/API credentials, private keys, JWTs, passwords in URLs and high-entropy values assigned
// to key-like names, located in the cleaned text and reported as typed spans. Documentation examples and
// placeholders are rejected (secret-placeholders.ts); formats and their checks live in secret-patterns.ts. Formats
// that cannot occur (no "-----BEGIN ", no "authorization"/"bearer", no AWS context) are skipped after one search.
import type { Detector, Finding, ScanInput } from "../types";
import { SECRET_PATTERNS, type SecretPattern } from "./secret-patterns";
import { isPlaceholder } from "./secret-placeholders";
import { dropOverlaps, groupByScore, type ScoredSpan } from "./span-mapping";

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
// Body of a key without an END line (truncated paste): base64 lines and RFC 1421 headers, nothing else.
const PEM_BODY = /(?:[ \t]*(?:[A-Za-z0-9+/=]{16,}|[A-Za-z-]+: [^\r\n]*)?(?:\r?\n|$))*/y;
const PEM_MAX_BODY = 16_384;

function findPrivateKeys(text: string, out: ScoredSpan[]): void {
  if (!text.includes("-----BEGIN ")) return;
  PEM_BEGIN.lastIndex = 0;
  let begin: RegExpExecArray | null;
  while ((begin = PEM_BEGIN.exec(text)) !== null) {
    const bodyStart = begin.index + begin[0].length;
    // Look for the END line within a bounded window so many BEGIN lines without END cannot make the scan quadratic.
    PEM_END.lastIndex = 0;
    const window = text.slice(bodyStart, bodyStart + PEM_MAX_BODY + 64);
    const endInWindow = PEM_END.exec(window);
    const end = endInWindow ? { index: bodyStart + endInWindow.index, length: endInWindow[0].length } : undefined;
    let stop: number;
    if (end) {
      stop = end.index + end.length;
    } else {
      PEM_BODY.lastIndex = bodyStart + (text[bodyStart] === "\r" ? 2 : text[bodyStart] === "\n" ? 1 : 0);
      PEM_BODY.exec(text);
      stop = Math.min(PEM_BODY.lastIndex, bodyStart + PEM_MAX_BODY);
    }
    const body = text.slice(bodyStart, end && end.index < stop ? end.index : stop);
    const base64Chars = body.replace(/[^A-Za-z0-9+/]/g, "").length;
    // "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----" in docs has no key material.
    if (base64Chars >= 64 && !isPlaceholder(body.replace(/\s+/g, ""))) {
      out.push({ start: begin.index, end: stop, type: "private_key", score: 0.99 });
    }
    PEM_BEGIN.lastIndex = Math.max(stop, bodyStart);
  }
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_.-]/;
const MAX_IDENTIFIER_BACK = 160;
const stickyCache = new WeakMap<RegExp, RegExp>();

function sticky(re: RegExp): RegExp {
  let copy = stickyCache.get(re);
  if (!copy) stickyCache.set(re, (copy = new RegExp(re.source, re.flags.replace("g", "") + "y")));
  return copy;
}

/** Matches of `pattern` in `text`: a global scan, or sticky attempts at identifier starts around anchor hits. */
function* patternMatches(pattern: SecretPattern, text: string): Generator<RegExpExecArray> {
  if (!pattern.anchor) {
    pattern.re.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.re.exec(text)) !== null) yield match;
    return;
  }
  const at = sticky(pattern.re);
  const anchor = pattern.anchor;
  anchor.lastIndex = 0;
  let tried = -1;
  let hit: RegExpExecArray | null;
  while ((hit = anchor.exec(text)) !== null) {
    let start = hit.index;
    while (start > 0 && hit.index - start < MAX_IDENTIFIER_BACK && IDENTIFIER_CHAR.test(text[start - 1])) start--;
    if (start <= tried) continue;
    tried = start;
    at.lastIndex = start;
    const match = at.exec(text);
    if (match) {
      yield match;
      anchor.lastIndex = Math.max(anchor.lastIndex, match.index + match[0].length);
    }
  }
}

// For mustContain with ignoreCase: one case-insensitive (non-Unicode, so ASCII letters match ASCII only, as in the
// /i patterns themselves) regex of the literals, built once per pattern.
const anyOfIgnoringCase = new WeakMap<SecretPattern, RegExp>();

function containsLiteral(pattern: SecretPattern, text: string): boolean {
  const literals = pattern.mustContain;
  if (!literals) return true;
  if (!literals.ignoreCase) return literals.anyOf.some((literal) => text.includes(literal));
  let re = anyOfIgnoringCase.get(pattern);
  if (!re) {
    re = new RegExp(literals.anyOf.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i");
    anyOfIgnoringCase.set(pattern, re);
  }
  return re.test(text);
}

/** Secret spans (cleaned offsets) with their scores; exported for the eval scripts and tests. */
export function findSecrets(text: string): ScoredSpan[] {
  const found: ScoredSpan[] = [];
  findPrivateKeys(text, found);
  for (const pattern of SECRET_PATTERNS) {
    if (!containsLiteral(pattern, text)) continue;
    if (pattern.requires && !pattern.requires.test(text)) continue;
    for (const match of patternMatches(pattern, text)) {
      const range = pattern.group ? match.indices?.[pattern.group] : [match.index, match.index + match[0].length];
      if (!range) continue;
      const secret = text.slice(range[0], range[1]);
      if (pattern.accept && !pattern.accept(secret, { text, index: match.index, match })) continue;
      const score = typeof pattern.score === "function" ? pattern.score(match) : pattern.score;
      found.push({ start: range[0], end: range[1], type: pattern.type, score });
    }
  }
  return dropOverlaps(found);
}

export function createSecretDetector(): Detector {
  return {
    id: "secret",
    categories: ["secret"],
    directions: ["input", "output"],
    scan(input: ScanInput): Finding[] {
      return groupByScore({ detector: "secret", category: "secret", input, spans: findSecrets(input.cleaned) });
    },
  };
}
