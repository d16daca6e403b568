// The strings inside a JSON value (a tool call's input object), each with its path, so every one is screened and
// written back in place: no JSON text to re-parse, no escape sequence a redaction could cut. Bounded against a
// hostile body, like the tool definitions' schemas.
import type { BodyPath } from "./text-part";

const MAX_DEPTH = 16;
const MAX_LEAVES = 512;

export function stringLeaves(options: { value: unknown; path: BodyPath }): { text: string; path: BodyPath }[] {
  const leaves: { text: string; path: BodyPath }[] = [];
  const walk = (value: unknown, path: BodyPath, depth: number): void => {
    if (leaves.length >= MAX_LEAVES || depth > MAX_DEPTH) return;
    if (typeof value === "string") leaves.push({ text: value, path });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], depth + 1));
    else if (typeof value === "object" && value !== null) for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
  };
  walk(options.value, options.path, 0);
  return leaves;
}
