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

/** Approximate tokens in one piece of text (see the header for the rule). */
export function estimateTextTokens(text: string): number {
  // Everything before the first non-ASCII character is ASCII: irregexp finds that character several times faster
  // than the loop below looks at each one, and most prompts have none.
  const firstOther = text.search(NON_ASCII);
  if (firstOther === -1) return Math.ceil(text.length / CHARS_PER_TOKEN);
  // Counts code points like `for (const char of text)` would (a surrogate pair is one, a lone surrogate is one), but
  // by index: the string iterator allocates a string per character, ~3x slower on every request's whole prompt.
  let ascii = firstOther;
  let other = 0;
  for (let i = firstOther; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      ascii++;
      continue;
    }
    other++;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return Math.ceil(ascii / CHARS_PER_TOKEN) + other;
}

/** Approximate prompt tokens of a chat request: each message's text plus framing. `text` alone counts as one message. */
export function estimatePromptTokens(input: string | { messages: Array<{ text: string }> }): number {
  const messages = typeof input === "string" ? [{ text: input }] : input.messages;
  let total = TOKENS_PER_REQUEST;
  for (const message of messages) total += TOKENS_PER_MESSAGE + estimateTextTokens(message.text);
  return total;
}

/** What to charge before forwarding: prompt estimate plus the completion the client may receive. */
export function estimateRequestTokens(options: {
  messages: Array<{ text: string }>;
  /** max_tokens / max_completion_tokens from the request, if any. */
  maxTokens?: number;
  defaultCompletionAllowance?: number;
}): number {
  const completion = options.maxTokens ?? options.defaultCompletionAllowance ?? DEFAULT_COMPLETION_ALLOWANCE;
  return estimatePromptTokens({ messages: options.messages }) + Math.max(0, Math.floor(completion));
}
