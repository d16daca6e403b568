// Cuts a text into about `parts` pieces of equal length, as a provider streams it.
export function splitInto(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
}

/** Cuts a text as a tokenizer would: each word with the whitespace before it, words over 6 characters in 4s. */
export function splitIntoTokens(text: string): string[] {
  const out: string[] = [];
  for (const [word] of text.matchAll(/\s*\S+|\s+$/g)) {
    if (word.trim().length <= 6) out.push(word);
    else for (let i = 0; i < word.length; i += 4) out.push(word.slice(i, i + 4));
  }
  return out.length ? out : [""];
}
