// Reads a JSONL suite file: one `{ "text", "category"?, "direction"?, "id"? }` per line. A missing or null category
// is a benign case. Errors name the line, so a typo in a CI suite is found at once rather than skewing the rates.
import { CATEGORIES, type Category } from "../shared/screening/types";
import type { RedteamCase } from "./case";

export class SuiteFileError extends Error {}

const FIELDS = new Set(["text", "category", "direction", "id", "technique"]);

export function parseSuiteJsonl(options: { text: string; source: string }): RedteamCase[] {
  const cases: RedteamCase[] = [];
  const ids = new Set<string>();
  const lines = options.text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${options.source}:${index + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new SuiteFileError(`${where}: not valid JSON`);
    }
    if (typeof row !== "object" || row === null || Array.isArray(row)) throw new SuiteFileError(`${where}: each line must be a JSON object`);
    const record = row as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !FIELDS.has(key));
    if (unknown.length) throw new SuiteFileError(`${where}: unknown field(s) ${unknown.join(", ")}`);
    if (typeof record.text !== "string" || record.text.length === 0) throw new SuiteFileError(`${where}: "text" must be a non-empty string`);
    const category = record.category ?? null;
    if (category !== null && !CATEGORIES.includes(category as Category)) {
      throw new SuiteFileError(`${where}: "category" must be one of ${CATEGORIES.join(", ")} or null`);
    }
    const direction = record.direction ?? "input";
    if (direction !== "input" && direction !== "output") throw new SuiteFileError(`${where}: "direction" must be "input" or "output"`);
    if (record.id !== undefined && typeof record.id !== "string" && typeof record.id !== "number") throw new SuiteFileError(`${where}: "id" must be a string`);
    const id = record.id !== undefined ? String(record.id) : `line-${index + 1}`;
    if (ids.has(id)) throw new SuiteFileError(`${where}: duplicate id "${id}"`);
    ids.add(id);
    const technique = typeof record.technique === "string" ? record.technique : "user";
    cases.push({ id, text: record.text, category: category as Category | null, direction, technique });
  });
  if (cases.length === 0) throw new SuiteFileError(`${options.source}: no cases`);
  return cases;
}
