// Tool definitions sent with a request (`tools`, legacy `functions`): their descriptions, and every description in
// their parameter schemas, are text the model reads as instructions, often written by a third party (an MCP server),
// so a poisoned tool description is an injection path of its own. The same shape in all three APIs: a tool is the
// definition itself (Anthropic, Responses) or holds it under `function` / `custom` (chat).
import { type BodyPath, isRecord, type TextPart } from "./text-part";

/** Texts of the tool definitions in `tools` (at `path` in the body), as parts of role `tool`, kind `tool_definition`. */
export function toolDefinitionParts(options: { tools: unknown; path: BodyPath }): TextPart[] {
  const parts: TextPart[] = [];
  if (!Array.isArray(options.tools)) return parts;
  options.tools.forEach((tool, k) => {
    if (!isRecord(tool)) return;
    const nested = isRecord(tool.function) ? "function" : isRecord(tool.custom) ? "custom" : undefined;
    const definition = nested ? (tool[nested] as Record<string, unknown>) : tool;
    const at: BodyPath = nested ? [...options.path, k, nested] : [...options.path, k];
    if (typeof definition.description === "string") add(parts, definition.description, [...at, "description"]);
    for (const key of ["parameters", "input_schema"]) {
      if (isRecord(definition[key])) schemaDescriptions({ schema: definition[key], path: [...at, key], parts });
    }
  });
  return parts;
}

function add(parts: TextPart[], text: string, path: BodyPath): void {
  parts.push({ role: "tool", kind: "tool_definition", text, path });
}

/**
 * Every string `description` in a JSON schema, at any depth (properties, items, $defs, anyOf…). Not capped: a
 * description past a cap would go unscreened; the body's size and its 64 levels of nesting (parse-body) bound the walk.
 */
function schemaDescriptions(options: { schema: unknown; path: BodyPath; parts: TextPart[] }): void {
  const { schema, path, parts } = options;
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => schemaDescriptions({ schema: item, path: [...path, i], parts }));
    return;
  }
  if (!isRecord(schema)) return;
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if (key === "description" && typeof value === "string") add(parts, value, [...path, key]);
    else if (typeof value === "object" && value !== null) schemaDescriptions({ schema: value, path: [...path, key], parts });
  }
}
