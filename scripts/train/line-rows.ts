// Training rows for the injection head's line view, as sparse vectors of the serving scan's pieces: positives are
// short instruction-like attack strings (our own, the corpus's short injections, BIPIA *train* attacks and the attacks
// found planted in the training documents) and the piece a planted instruction starts in; negatives are the pieces of
// benign documents, the clean pieces of poisoned documents and our own short benign rows. Each piece inherits its
// document's train/validation side.
import type { FeatureConfig } from "../../shared/screening/classifiers/linear-model";
import { normaliseText } from "../../shared/screening/normalise/prepare-scan-input";
import { aggregate, extractFeatures, type SparseVector } from "./feature-matrix";
import { trainsLineView } from "./head-tasks";
import { isBipiaRow, isOwnRow, type LabelledRow } from "./training-rows";
import type { ValidationSplit } from "./validation-split";

export interface LineRow {
  /** Normalised text of the piece (or of the short attack string), for inspection and tests. */
  text: string;
  vector: SparseVector;
  target: 0 | 1;
  validation: boolean;
  kind: "attack-string" | "planted-piece" | "poisoned-context" | "benign-piece" | "own-short-benign";
}

/** Where the planted instruction sits in a poisoned, normalised document; undefined when it cannot be located. */
export type PlantedLocator = (row: LabelledRow, normalised: string) => { start: number; end: number } | undefined;

/**
 * Locates the planted text: the diff against the document's clean twin (planted-by-twin.ts) where it has one, else
 * (our older documents) the one line that never occurs in our benign documents, which share their paragraph pools.
 */
export function createPlantedLocator(options: { rows: readonly LabelledRow[]; split: ValidationSplit }): PlantedLocator {
  const benignLines = new Set<string>();
  for (const row of options.rows) {
    if (isOwnRow(row) && row.labels.length === 0) for (const line of normaliseText(row.text).split("\n")) benignLines.add(line);
  }
  return (row, normalised) => {
    const isBipia = isBipiaRow(row);
    if (!isBipia && !isOwnRow(row)) return undefined;
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

export function buildLineRows(options: {
  rows: readonly LabelledRow[];
  bipiaAttacks: readonly string[];
  feature: FeatureConfig;
  normalise: (text: string) => string;
  split: ValidationSplit;
}): LineRow[] {
  const { rows, feature, normalise, split } = options;
  const locate = createPlantedLocator(options);
  const vectorOf = (hashes: Int32Array) => aggregate({ hashes, bits: feature.bits, pseudoCount: feature.linePseudoCount });
  const wholePiece = (text: string) => vectorOf(extractFeatures(text, "always").pieces[0]?.hashes ?? new Int32Array(0));
  const out: LineRow[] = [];
  const attacks = new Set([...options.bipiaAttacks.map(normalise), ...[...split.planted.values()].map((span) => span.attack)]);
  for (const attack of [...attacks].sort()) {
    out.push({ text: attack, vector: wholePiece(attack), target: 1, validation: split.isValidationAttack(attack), kind: "attack-string" });
  }
  for (const row of rows) {
    const validation = split.isValidation(row);
    const injection = row.labels.includes("prompt_injection");
    if (!injection && row.labels.length > 0) continue; // jailbreak/harmful/toxic rows say nothing about pieces
    if (!trainsLineView(row)) continue; // a family written for other heads
    const normalised = normalise(row.text);
    const { pieces } = extractFeatures(normalised);
    if (pieces.length === 0) {
      if (injection) out.push({ text: normalised, vector: wholePiece(normalised), target: 1, validation, kind: "attack-string" });
      else if (isOwnRow(row)) out.push({ text: normalised, vector: wholePiece(normalised), target: 0, validation, kind: "own-short-benign" });
      continue;
    }
    const planted = injection ? locate(row, normalised) : undefined;
    if (injection && !planted) continue;
    for (const piece of pieces) {
      const base = { text: normalised.slice(piece.start, piece.end), vector: vectorOf(piece.hashes), validation };
      if (!planted) {
        out.push({ ...base, target: 0, kind: "benign-piece" });
        continue;
      }
      // The piece the instruction starts in is positive; pieces clear of it are clean context; pieces holding the
      // rest of a long planted block (a code snippet) are neither and are left out.
      if (piece.start <= planted.start && planted.start < piece.end) out.push({ ...base, target: 1, kind: "planted-piece" });
      else if (piece.end <= planted.start || piece.start >= planted.end) out.push({ ...base, target: 0, kind: "poisoned-context" });
    }
  }
  return out;
}
