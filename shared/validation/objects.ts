// Object and record schemas that refuse arrays. valibot's own accept any `typeof "object"` value, so `[]` would pass
// as an empty policy or config section; JSON objects are what every body, config and record here expects.
import * as v from "valibot";
import { kindOf } from "./kind-of";

function isJsonObject(input: unknown): boolean {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

function expectedObject(issue: v.BaseIssue<unknown>): string {
  return `expected Object, received ${kindOf(issue.input)}`;
}

/** `schema`, behind a check that its input is a JSON object (not an array, not null). */
function refusingArrays<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.pipe(v.custom<v.InferInput<TSchema>>(isJsonObject, expectedObject), schema);
}

/** Unknown keys are an error. */
export function strictObject<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return refusingArrays(v.strictObject(entries));
}

/** Unknown keys pass through untouched (API bodies: the provider reads the fields we do not). */
export function looseObject<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return refusingArrays(v.looseObject(entries));
}

/** Unknown keys are dropped. */
export function object<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return refusingArrays(v.object(entries));
}

export function record<
  TKey extends v.GenericSchema<string, string | number | symbol>,
  TValue extends v.GenericSchema,
>(options: { key: TKey; value: TValue }) {
  return refusingArrays(v.record(options.key, options.value));
}
