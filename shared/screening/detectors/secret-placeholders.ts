// Tells real-looking credentials from documentation examples and placeholders ("AKIAIOSFODNN7EXAMPLE",
// "sk-...xxxx", "<YOUR_KEY>", "changeme"), and measures Shannon entropy for the generic assignment rule.

// Published sample credentials that appear in docs, tutorials and test suites everywhere.
const KNOWN_EXAMPLES = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", // jwt.io sample signature
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc", // Stripe docs
  "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
  "sk_test_26PHem9AhJZvU623DfE1x4sd",
]);

const PLACEHOLDER =
  /example|sample|dummy|placeholder|your[_-]?(?:api|key|token|secret|pass|own)|xxxx|\*\*\*|\.\.\.|…|[<>{}]|\$\(|changeme|change[_-]me|redacted|insert[_-]?|replace[_-]?me|fake|lorem|todo|secret123|password1|passw0rd|test123|foobar|123456|qwerty|abcdef|not[_-]?a[_-]?real|my[_-]?(?:secret|password|token|api[_-]?key)|here$|^(?:none|null|nil|undefined|true|false|empty|secret|password|token|string|value|key|pass|pwd)$/i;

/** Whether `value` is a documentation example, a placeholder or too uniform to be a real credential. */
export function isPlaceholder(value: string): boolean {
  if (KNOWN_EXAMPLES.has(value)) return true;
  for (const known of KNOWN_EXAMPLES) if (value.includes(known)) return true;
  if (PLACEHOLDER.test(value)) return true;
  if (/(.)\1{5,}/.test(value)) return true;
  return value.length >= 8 && new Set(value).size <= 4;
}

// Counts for ASCII characters, reused between calls (reset after each) so the hot path allocates nothing.
const ASCII_COUNTS = new Int32Array(128);

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  const seen: number[] = [];
  let other: Map<number, number> | undefined;
  for (let i = 0; i < n; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) {
      if (ASCII_COUNTS[code]++ === 0) seen.push(code);
    } else {
      other ??= new Map();
      other.set(code, (other.get(code) ?? 0) + 1);
    }
  }
  let bits = 0;
  for (const code of seen) {
    const p = ASCII_COUNTS[code] / n;
    bits -= p * Math.log2(p);
    ASCII_COUNTS[code] = 0;
  }
  for (const count of other?.values() ?? []) bits -= (count / n) * Math.log2(count / n);
  return bits;
}

/** Upper case, lower case and digits all present: what generated keys look like, unlike words or identifiers. */
export function hasMixedClasses(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);
}

/**
 * A long random body that happens to draw no digit: about one 48-character OpenAI key in 4,000. Letters of both cases
 * and high entropy tell it from long camelCase identifiers (~4.2 bits per character; random letters ~4.9).
 */
export function isLongRandomLetters(value: string): boolean {
  return value.length >= 40 && /[a-z]/.test(value) && /[A-Z]/.test(value) && shannonEntropy(value) >= 4.5;
}
