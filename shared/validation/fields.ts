// Field schemas the configs, records and requests repeat: bounded integers and bounded strings. Integers are safe
// integers (a JSON number past 2^53 is not the number the caller wrote).
import * as v from "valibot";

export function integer(options: { min: number; max?: number }) {
  return v.pipe(v.number(), v.safeInteger(), v.minValue(options.min), v.maxValue(options.max ?? Number.MAX_SAFE_INTEGER));
}

export function boundedText(options: { min: number; max: number }) {
  return v.pipe(v.string(), v.minLength(options.min), v.maxLength(options.max));
}

/** A non-empty string of any length. */
export function nonEmptyText() {
  return v.pipe(v.string(), v.minLength(1));
}

/**
 * An ISO 8601 time, as the gateway writes them (toISOString) or with an offset, that Date.parse reads: valibot's
 * pattern also passes "…+01" and "… +01:00", which parse to NaN, and a NaN expiry would never come.
 */
export function isoTime() {
  return v.pipe(v.string(), v.isoTimestamp(), v.check(parsesAsTime, "must be an ISO 8601 time"));
}

function parsesAsTime(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}
