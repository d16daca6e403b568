// The strings inside a JSON value (a tool call's input object), each with its path, so every one is screened and
// written back in place: no JSON text to re-parse, no escape sequence a redaction could cut. Not capped (a string past
// a cap would go unscreened): the body's size and its 64 levels of nesting (parse-body) bound the walk.
import type { BodyPath } from "./text-part";

export function stringLeaves(options: { value: unknown; path: BodyPath }): { text: string; path: BodyPath }[] {
  const leaves: { text: string; path: BodyPath }[] = [];
  const walk = (value: unknown, path: BodyPath): void => {
    if (typeof value === "string") leaves.push({ text: value, path });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (typeof value === "object" && value !== null) for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], [...path, key]);
  };
  walk(options.value, options.path);
  return leaves;
}
