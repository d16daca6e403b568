// The per-request redaction vault: typed placeholders ([EMAIL_1], [OPENAI_KEY_2]) for redacted values, and restoring
// them in the answer (deanonymise). One vault lives for exactly one request; it is never shared between tenants.

/** A complete placeholder: `[` + span type upper-cased + `_` + n + `]`. Global: reset `lastIndex` or use `replace`. */
export const PLACEHOLDER_PATTERN = /\[([A-Z][A-Z0-9_]*)_([1-9][0-9]*)\]/g;

/** Longest placeholder we ever produce (type capped at 40 chars, counter at 6 digits); bounds the stream hold-back. */
const MAX_TYPE_LENGTH = 40;
export const MAX_PLACEHOLDER_LENGTH = 1 + MAX_TYPE_LENGTH + 1 + 6 + 1;

/** What a not-yet-complete placeholder at the end of a text may look like (`[`, `[EMA`, `[EMAIL_1`). */
const PARTIAL_PLACEHOLDER = /^\[(?:[A-Z][A-Z0-9_]*)?$/;

export interface VaultEntry {
  placeholder: string;
  type: string;
  value: string;
}

export interface RedactionVault {
  /** The placeholder for a value; the same (type, value) gets the same placeholder within the request. */
  placeholderFor(options: { type: string; value: string }): string;
  /**
   * Marks placeholder-looking strings already present in a text as taken, so a literal "[EMAIL_1]" the caller wrote
   * is never confused with one we issue (restore would otherwise rewrite the caller's literal text).
   */
  reserve(text: string): void;
  /** Replaces the placeholders this vault issued by their original values; anything else is left as is. */
  restore(text: string): string;
  entries(): readonly VaultEntry[];
  readonly size: number;
}

/** `credit_card` → `CREDIT_CARD`; anything outside [A-Z0-9_] becomes `_` so the result always matches the pattern. */
export function placeholderType(type: string): string {
  const upper = type.toUpperCase().replace(/[^A-Z0-9_]/g, "_").slice(0, MAX_TYPE_LENGTH);
  return /^[A-Z]/.test(upper) ? upper : `REDACTED${upper ? `_${upper}` : ""}`.slice(0, MAX_TYPE_LENGTH);
}

export function createRedactionVault(): RedactionVault {
  return new Vault();
}

// A class rather than an object of named closures: one vault per request (keepNames, docs/performance.md).
class Vault implements RedactionVault {
  private readonly byKey = new Map<string, VaultEntry>();
  private readonly byPlaceholder = new Map<string, VaultEntry>();
  private readonly reserved = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly typeNames = new Map<string, string>();

  placeholderFor(options: { type: string; value: string }): string {
    let type = this.typeNames.get(options.type);
    if (type === undefined) this.typeNames.set(options.type, (type = placeholderType(options.type)));
    const key = `${type}\u0000${options.value}`;
    const known = this.byKey.get(key);
    if (known) return known.placeholder;
    let n = this.counters.get(type) ?? 0;
    let placeholder: string;
    do {
      n += 1;
      placeholder = `[${type}_${n}]`;
    } while (this.reserved.has(placeholder));
    this.counters.set(type, n);
    const entry: VaultEntry = { placeholder, type, value: options.value };
    this.byKey.set(key, entry);
    this.byPlaceholder.set(placeholder, entry);
    return placeholder;
  }

  reserve(text: string): void {
    // Most texts hold no "[" at all: matchAll would still clone the regex and build an iterator for each (~1 µs).
    if (!text.includes("[")) return;
    for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
      if (!this.byPlaceholder.has(match[0])) this.reserved.add(match[0]);
    }
  }

  restore(text: string): string {
    const byPlaceholder = this.byPlaceholder;
    if (byPlaceholder.size === 0) return text;
    return text.replace(PLACEHOLDER_PATTERN, (placeholder) => byPlaceholder.get(placeholder)?.value ?? placeholder);
  }

  entries(): readonly VaultEntry[] {
    return [...this.byPlaceholder.values()];
  }

  get size(): number {
    return this.byPlaceholder.size;
  }
}

/**
 * How many trailing characters of `text` could be the start of a placeholder that the next chunk completes.
 * The stream screener holds those back so it never restores (or emits) half a placeholder.
 */
export function placeholderPrefixLength(text: string): number {
  const from = text.lastIndexOf("[", text.length - 1);
  if (from < 0) return 0;
  const tail = text.length - from;
  if (tail >= MAX_PLACEHOLDER_LENGTH) return 0;
  const suffix = text.slice(from);
  // `[EMAIL_1` is a prefix; digits may continue, so any `[TYPE_` or `[TYPE_12` tail counts as well.
  return PARTIAL_PLACEHOLDER.test(suffix) ? tail : 0;
}
