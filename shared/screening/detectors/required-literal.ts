// Finds literals that every match of a tenant regex must contain, so banned_topic can skip a pattern with a few
// cheap searches when the text lacks one of them. Conservative: it reads only the top-level sequence of the pattern (groups,
// classes, escapes and quantified characters end a literal) and gives up on a top-level alternation. Only letters,
// digits, spaces, "_" and "-" are kept, and never "k" or "s": under the i and u flags those also match the Kelvin
// sign and the long s, which a plain case-insensitive search would miss.

const SAFE_CHAR = /^[a-jl-rt-zA-JL-RT-Z0-9 _-]$/;
const MIN_LITERAL = 3;

/** Length of the group or class starting at `start` ("(" or "["), or -1 when it is not closed. */
function skipBracketed(source: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") {
        inClass = false;
        if (depth === 0) return i + 1 - start;
      }
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i + 1 - start;
  }
  return -1;
}

/** Length of the quantifier at `i` ("?", "*", "+", "{n}", "{n,}", "{n,m}", each maybe lazy), or 0. */
function quantifierLength(source: string, i: number): number {
  const ch = source[i];
  let length = 0;
  if (ch === "?" || ch === "*" || ch === "+") length = 1;
  else if (ch === "{") length = /^\{\d+(?:,\d*)?\}/.exec(source.slice(i))?.[0].length ?? 0;
  if (length > 0 && source[i + length] === "?") length++;
  return length;
}

/** Safe literals (lower-cased, at least 3 characters) that every match must contain; empty when unsure. */
export function requiredLiterals(source: string): string[] {
  const literals: string[] = [];
  let run = "";
  const endRun = (): void => {
    if (run.length >= MIN_LITERAL) literals.push(run);
    run = "";
  };
  for (let i = 0; i < source.length; ) {
    const ch = source[i];
    if (ch === "|") return [];
    // Escapes longer than two characters (\u0041, \x41, \p{L}, \cJ, \k<name>, legacy octal): give up.
    if (ch === "\\" && /[uxpPck0-9]/.test(source[i + 1] ?? "")) return [];
    let width = ch === "\\" ? 2 : 1;
    if (ch === "(" || ch === "[") {
      width = skipBracketed(source, i);
      if (width < 0) return [];
    }
    const quantifier = quantifierLength(source, i + width);
    // A quantified atom may be absent or repeated, and groups, classes and escapes are not plain text: all of them
    // end the literal, together with their quantifier.
    if (quantifier === 0 && width === 1 && SAFE_CHAR.test(ch)) run += ch.toLowerCase();
    else endRun();
    i += width + quantifier;
  }
  endRun();
  return literals;
}
