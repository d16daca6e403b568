// A conservative check for tenant regexes: rejects patterns that can backtrack catastrophically (nested quantifiers,
// ambiguous alternation under a quantifier, backreferences) before they are ever compiled. Policy validation and
// the banned_topic detector both use it. It may reject some safe patterns; it must not accept unsafe ones.

export interface SafeRegexResult {
  safe: boolean;
  reason?: string;
}

interface Group {
  /** A quantifier occurs somewhere inside (directly or in a nested group). */
  hasQuantifier: boolean;
  hasAlternation: boolean;
  /** The alternatives as literal text when every one is plain text, else undefined. */
  literals: string[] | undefined;
  current: string;
}

const MAX_LENGTH = 200;
const MAX_UNBOUNDED = 6;

function isQuantifierAt(pattern: string, i: number): { length: number; unbounded: boolean } | undefined {
  const ch = pattern[i];
  if (ch === "*" || ch === "+") return { length: pattern[i + 1] === "?" ? 2 : 1, unbounded: true };
  if (ch === "?") return { length: pattern[i + 1] === "?" ? 2 : 1, unbounded: false };
  if (ch === "{") {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(i));
    if (m) return { length: m[0].length, unbounded: m[2] !== undefined && m[3] === "" };
  }
  return undefined;
}

function ambiguousLiterals(literals: string[]): boolean {
  for (let a = 0; a < literals.length; a++) {
    for (let b = 0; b < literals.length; b++) {
      if (a !== b && (literals[a] === "" || literals[b].startsWith(literals[a]))) return true;
    }
  }
  return false;
}

export function isSafeRegex(pattern: string): SafeRegexResult {
  if (pattern.length > MAX_LENGTH) return { safe: false, reason: `longer than ${MAX_LENGTH} characters` };
  try {
    new RegExp(pattern);
  } catch (error) {
    return { safe: false, reason: `does not compile: ${(error as Error).message}` };
  }
  const stack: Group[] = [{ hasQuantifier: false, hasAlternation: false, literals: [], current: "" }];
  let unbounded = 0;
  let lastClosed: Group | undefined;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const top = stack[stack.length - 1];
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      if (/[1-9]/.test(next) || (next === "k" && pattern[i + 2] === "<")) return { safe: false, reason: "backreference" };
      if (!inClass) {
        if (/[A-Za-z]/.test(next)) top.literals = undefined; // \d, \w, \s... are classes, not literal text
        else top.current += next;
      }
      i++;
      lastClosed = undefined;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      top.literals = undefined;
      lastClosed = undefined;
      continue;
    }
    if (ch === "(") {
      // Skip the group prefix ((?:, (?=, (?<name>...) so its characters are not read as literals.
      const prefix = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i));
      if (prefix) i += prefix[0].length - 1;
      stack.push({ hasQuantifier: false, hasAlternation: false, literals: [], current: "" });
      lastClosed = undefined;
      continue;
    }
    if (ch === ")") {
      const closed = stack.pop()!;
      closed.literals?.push(closed.current);
      const parent = stack[stack.length - 1];
      parent.hasQuantifier ||= closed.hasQuantifier;
      parent.literals = undefined;
      lastClosed = closed;
      continue;
    }
    if (ch === "|") {
      top.hasAlternation = true;
      top.literals?.push(top.current);
      top.current = "";
      lastClosed = undefined;
      continue;
    }
    const quantifier = isQuantifierAt(pattern, i);
    if (quantifier) {
      if (quantifier.unbounded && ++unbounded > MAX_UNBOUNDED) return { safe: false, reason: "too many unbounded quantifiers" };
      if (lastClosed) {
        if (lastClosed.hasQuantifier) return { safe: false, reason: "nested quantifier" };
        if (lastClosed.hasAlternation && (!lastClosed.literals || ambiguousLiterals(lastClosed.literals))) {
          return { safe: false, reason: "ambiguous alternation under a quantifier" };
        }
      }
      top.hasQuantifier = true;
      top.literals = undefined;
      i += quantifier.length - 1;
      lastClosed = undefined;
      continue;
    }
    if (ch === "." || ch === "^" || ch === "$") top.literals = undefined;
    else top.current += ch;
    lastClosed = undefined;
  }
  return { safe: true };
}
