// Finds the instruction planted in each poisoned document by diffing it against its clean twin: the corpus keeps every
// BIPIA context once clean and once poisoned, on the same side of its split, and our document-task rows come with
// their twins in benign-documents; the attack is one inserted run (start, end or a line/sentence break). Works for
// every BIPIA attack file, including the BIPIA test attacks corpus/train.jsonl carries inside its documents.
import { isBipiaRow, isOwnRow, type LabelledRow } from "./training-rows";

/** The planted instruction in a poisoned document's normalised text, and the clean twin it was diffed against. */
export interface PlantedSpan {
  start: number;
  end: number;
  /** The planted instruction itself (normalised): also the validation group key of the document and its twin. */
  attack: string;
  twinText: string;
}

const KEY_CHARS = 40;
/** A twin must explain all but this many units of the clean context (normalisation may differ at the seams). */
const SEAM_SLACK = 4;

/** Sources that ship documents in clean/poisoned pairs. */
const hasTwins = (row: LabelledRow): boolean => isBipiaRow(row) || isOwnRow(row);
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function push(map: Map<string, LabelledRow[]>, key: string, row: LabelledRow): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}

/** Keyed by the poisoned row's original text. Rows whose twin is missing (or ambiguous) are left out. */
export function findPlantedByTwin(options: {
  rows: readonly LabelledRow[];
  normalise: (text: string) => string;
}): Map<string, PlantedSpan> {
  const { rows, normalise } = options;
  const byPrefix = new Map<string, LabelledRow[]>();
  const bySuffix = new Map<string, LabelledRow[]>();
  for (const row of rows) {
    if (!hasTwins(row) || row.labels.length > 0 || row.text.length < KEY_CHARS * 2) continue;
    const text = normalise(row.text);
    push(byPrefix, text.slice(0, KEY_CHARS), row);
    push(bySuffix, text.slice(-KEY_CHARS), row);
  }
  const planted = new Map<string, PlantedSpan>();
  for (const row of rows) {
    if (!hasTwins(row) || !row.labels.includes("prompt_injection") || row.text.length < KEY_CHARS * 2) continue;
    const poisoned = normalise(row.text);
    const candidates = new Set([...(byPrefix.get(poisoned.slice(0, KEY_CHARS)) ?? []), ...(bySuffix.get(poisoned.slice(-KEY_CHARS)) ?? [])]);
    let best: { prefix: number; suffix: number; twin: LabelledRow } | undefined;
    for (const twin of candidates) {
      const clean = normalise(twin.text);
      if (clean.length >= poisoned.length) continue;
      const prefix = commonPrefix(poisoned, clean);
      const suffix = commonSuffix(poisoned, clean, clean.length - prefix);
      if (prefix + suffix + SEAM_SLACK < clean.length) continue;
      if (!best || prefix + suffix > best.prefix + best.suffix) best = { prefix, suffix, twin };
    }
    if (!best) continue;
    let start = best.prefix;
    let end = poisoned.length - best.suffix;
    while (start < end && isSpace(poisoned.charCodeAt(start))) start++;
    while (end > start && isSpace(poisoned.charCodeAt(end - 1))) end--;
    if (end - start < 8) continue;
    planted.set(row.text, { start, end, attack: poisoned.slice(start, end), twinText: best.twin.text });
  }
  return planted;
}
