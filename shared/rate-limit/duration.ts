// Duration strings of the limits config ("10 s", "1 m", "1 h", "1 d", also "500 ms") → milliseconds, and the
// Retry-After arithmetic built on them.
// Same grammar as @upstash/ratelimit's `Duration` (integer amount, optional single space, unit), so a string that
// passes here is also accepted by Ratelimit.slidingWindow & co.

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export type DurationUnit = keyof typeof UNIT_MS;

/** The type @upstash/ratelimit wants for windows. */
export type DurationString = `${number} ${DurationUnit}` | `${number}${DurationUnit}`;

const PATTERN = /^(\d+)\s?(ms|s|m|h|d)$/;

export function isDuration(text: string): text is DurationString {
  const match = PATTERN.exec(text.trim());
  return Boolean(match && Number(match[1]) > 0);
}

/** Throws on anything that is not a positive duration, so a bad config fails at startup, not per request. */
export function parseDuration(text: string): number {
  const match = PATTERN.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${JSON.stringify(text)} (expected e.g. "10 s", "1 m", "1 h", "1 d")`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
  if (!(ms > 0) || !Number.isSafeInteger(ms)) throw new Error(`duration out of range: ${JSON.stringify(text)}`);
  return ms;
}

/** Canonical form (`"<n> <unit>"`) accepted by @upstash/ratelimit. */
export function toDurationString(text: string): DurationString {
  const match = PATTERN.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  return `${Number(match[1])} ${match[2] as DurationUnit}`;
}

/** Whole seconds until `reset`, at least 1 so a denied client never reads "Retry-After: 0" and retries at once. */
export function retryAfterFrom(options: { reset: number; now: number }): number {
  return Math.max(1, Math.ceil((options.reset - options.now) / 1_000));
}
