// What a value is, by kind only ("string", "array", "null"…): problem messages name this, never the value.
export function kindOf(input: unknown): string {
  if (input === null) return "null";
  return Array.isArray(input) ? "array" : typeof input;
}
