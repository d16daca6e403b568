// Token estimates charged BEFORE a request is forwarded; the token budget settles them against the provider's
// reported usage afterwards, so the estimate only needs to be cheap and in the right ballpark, not exact.
// No tokenizer ships in node_modules (gpt-tokenizer would add ~1 MB of BPE ranks to the Worker bundle), so this is a
// documented approximation:
// - ASCII text: 1 token per 4 characters (OpenAI's published rule of thumb for English; cl100k/o200k average ~4).
// - every non-ASCII code point: 1 token (CJK runs ~1-1.5 tokens per character in those encodings; accented Latin is
//   over-counted, which errs on the safe side).
// - per message: +4 tokens of framing (role and separators, as in OpenAI's cookbook counting), +3 per request.

export const CHARS_PER_TOKEN = 4;
export const TOKENS_PER_MESSAGE = 4;
export const TOKENS_PER_REQUEST = 3;
/** Completion allowance when the request names no max_tokens. */
export const DEFAULT_COMPLETION_ALLOWANCE = 1_024;

const NON_ASCII = /[^\x00-\x7f]/;

/** Running counts of ASCII units and other code points, the two quantities the rule above prices. */
interface UnitCounts {
  ascii: number;
  other: number;
}

function countText(text: string, counts: UnitCounts): void {
  // Everything before the first non-ASCII character is ASCII: irregexp finds that character several times faster
  // than the loop below looks at each one, and most prompts have none.
  const firstOther = text.search(NON_ASCII);
  if (firstOther === -1) {
    counts.ascii += text.length;
    return;
  }
  // Counts code points like `for (const char of text)` would (a surrogate pair is one, a lone surrogate is one), but
  // by index: the string iterator allocates a string per character, ~3x slower on every request's whole prompt.
  counts.ascii += firstOther;
  for (let i = firstOther; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      counts.ascii++;
      continue;
    }
    counts.other++;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
}

const tokensOf = (counts: UnitCounts): number => Math.ceil(counts.ascii / CHARS_PER_TOKEN) + counts.other;

/** Approximate tokens in one piece of text (see the header for the rule). */
export function estimateTextTokens(text: string): number {
  const counts = { ascii: 0, other: 0 };
  countText(text, counts);
  return tokensOf(counts);
}

/** Adds what JSON.stringify(value) would write, its string escapes aside (\n is one unit here, two there). */
function countJson(value: unknown, counts: UnitCounts): void {
  if (typeof value === "string") {
    counts.ascii += 2; // the quotes
    countText(value, counts);
  } else if (Array.isArray(value)) {
    counts.ascii += 1 + Math.max(value.length, 1); // brackets and commas
    for (const item of value) countJson(item ?? null, counts);
  } else if (value !== null && typeof value === "object") {
    let members = 0;
    for (const key in value) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined || typeof member === "function") continue;
      members++;
      counts.ascii += 3; // the key's quotes and the colon
      countText(key, counts);
      countJson(member, counts);
    }
    counts.ascii += 1 + Math.max(members, 1); // braces and commas
  } else {
    counts.ascii += String(value).length; // numbers, booleans, null
  }
}

/**
 * Tokens of a JSON value (a conversation's messages, a Responses input) by the rule above: what
 * estimateTextTokens(JSON.stringify(value)) gives, but without building that string, the whole conversation again on
 * every request. Strings with characters JSON escapes count each one once, so it can only come out lower.
 */
export function estimateJsonTokens(value: unknown): number {
  const counts = { ascii: 0, other: 0 };
  countJson(value, counts);
  return tokensOf(counts);
}

/** Approximate prompt tokens of a chat request: each message's text plus framing. `text` alone counts as one message. */
export function estimatePromptTokens(input: string | { messages: Array<{ text: string }> }): number {
  const messages = typeof input === "string" ? [{ text: input }] : input.messages;
  let total = TOKENS_PER_REQUEST;
  for (const message of messages) total += TOKENS_PER_MESSAGE + estimateTextTokens(message.text);
  return total;
}

/**
 * Approximate prompt tokens of a request's conversation (its messages, a Responses input or a system prompt) counted
 * as one message of JSON, as the rate-limit stage charges it: cheap, an upper bound near the truth, settled later.
 */
export function estimateConversationTokens(conversation: unknown): number {
  return TOKENS_PER_REQUEST + TOKENS_PER_MESSAGE + estimateJsonTokens(conversation);
}

/** What to charge before forwarding: the prompt's estimate plus the completion the client may receive. */
export function estimateRequestTokens(options: {
  promptTokens: number;
  /** max_tokens / max_completion_tokens from the request, if any. */
  maxTokens?: number;
  defaultCompletionAllowance?: number;
}): number {
  const completion = options.maxTokens ?? options.defaultCompletionAllowance ?? DEFAULT_COMPLETION_ALLOWANCE;
  return options.promptTokens + Math.max(0, Math.floor(completion));
}
