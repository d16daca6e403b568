// Training rows for the injection head's window view, all already normalised: positives are short instruction-like
// attack strings (our own, the corpus's short injections, BIPIA *train* attacks and the attacks found planted in the
// corpus's training documents) and the windows of poisoned documents that contain the planted instruction; negatives
// are windows of benign documents, the clean windows of poisoned documents and our own short benign rows. Each window
// inherits its document's train/validation side.
import { normaliseText } from "../../shared/screening/normalise/prepare-scan-input";
import { textWindows, type WindowOptions } from "../../shared/screening/classifiers/text-windows";
import { windowText } from "../../shared/screening/classifiers/window-head";
import type { LabelledRow } from "./training-rows";
import type { ValidationSplit } from "./validation-split";

export interface WindowRow {
  /** Normalised text of the window (or of the short attack string). */
  text: string;
  target: 0 | 1;
  validation: boolean;
  kind: "attack-string" | "planted-window" | "poisoned-context" | "benign-window" | "own-short-benign";
}

const isOwn = (row: LabelledRow): boolean => row.source.startsWith("edgeguard/");

/** Where the planted instruction sits in a poisoned, normalised document; undefined when it cannot be located. */
export type PlantedLocator = (row: LabelledRow, normalised: string) => { start: number; end: number } | undefined;

/**
 * Locates the planted text: the diff against the document's clean twin (planted-by-twin.ts) where it has one, else
 * (our older documents) the one line that never occurs in our benign documents, which share their paragraph pools.
 */
export function createPlantedLocator(options: { rows: readonly LabelledRow[]; split: ValidationSplit }): PlantedLocator {
  const benignLines = new Set<string>();
  for (const row of options.rows) {
    if (isOwn(row) && row.labels.length === 0) for (const line of normaliseText(row.text).split("\n")) benignLines.add(line);
  }
  return (row, normalised) => {
    const isBipia = row.source.startsWith("microsoft/BIPIA");
    if (!isBipia && !isOwn(row)) return undefined;
    const twinDiff = options.split.planted.get(row.text);
    if (twinDiff || isBipia) return twinDiff;
    let offset = 0;
    let found: { start: number; end: number } | undefined;
    for (const line of normalised.split("\n")) {
      if (line.length > 0 && !benignLines.has(line)) {
        if (found) return undefined; // more than one unknown line: not a single planted instruction
        found = { start: offset, end: offset + line.length };
      }
      offset += line.length + 1;
    }
    return found;
  };
}

export function buildWindowRows(options: {
  rows: readonly LabelledRow[];
  bipiaAttacks: readonly string[];
  windowing: WindowOptions;
  normalise: (text: string) => string;
  split: ValidationSplit;
}): WindowRow[] {
  const { rows, windowing, normalise, split } = options;
  const locate = createPlantedLocator(options);
  const out: WindowRow[] = [];
  const attacks = new Set([...options.bipiaAttacks.map(normalise), ...[...split.planted.values()].map((span) => span.attack)]);
  for (const attack of [...attacks].sort()) {
    out.push({ text: attack, target: 1, validation: split.isValidationAttack(attack), kind: "attack-string" });
  }
  for (const row of rows) {
    const validation = split.isValidation(row);
    const injection = row.labels.includes("prompt_injection");
    if (!injection && row.labels.length > 0) continue; // jailbreak/harmful/toxic rows say nothing about windows
    const normalised = normalise(row.text);
    const long = normalised.length > windowing.minChars;
    if (!long) {
      if (injection) out.push({ text: normalised, target: 1, validation, kind: "attack-string" });
      else if (isOwn(row)) out.push({ text: normalised, target: 0, validation, kind: "own-short-benign" });
      continue;
    }
    const planted = injection ? locate(row, normalised) : undefined;
    if (injection && !planted) continue;
    for (const window of textWindows(normalised, windowing)) {
      const text = windowText(normalised, window, windowing);
      if (!planted) {
        out.push({ text, target: 0, validation, kind: "benign-window" });
        continue;
      }
      const overlap = Math.min(window.end, planted.end) - Math.max(window.start, planted.start);
      // Most of the instruction (or 150 units of a long planted code block) in the window, or (lines) the line the
      // instruction starts on: positive; none: clean context; a piece cutting through the instruction is left out.
      const holdsInstruction = windowing.segmentation === "lines"
        ? window.start <= planted.start && planted.start < window.end
        : overlap >= Math.min(planted.end - planted.start, 150);
      if (holdsInstruction) out.push({ text, target: 1, validation, kind: "planted-window" });
      else if (overlap <= 0) out.push({ text, target: 0, validation, kind: "poisoned-context" });
    }
  }
  return out;
}
