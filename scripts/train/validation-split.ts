// The validation split carved from train: 1 group in 10 by a stable hash of its key. A row's key is its text, except
// poisoned documents with a clean twin (BIPIA's, our document tasks) and those twins, keyed by the planted attack: BIPIA reuses each attack in about ten
// documents, and a split by text put the same attacks on both sides (validation injection recall 0.95 against 0.57 on
// the test split, whose attacks are all unseen). Grouped by attack, validation sees only attacks training never saw.
import { fnv1a32 } from "../../shared/screening/classifiers/text-features";
import { findPlantedByTwin, type PlantedSpan } from "./planted-by-twin";
import type { LabelledRow } from "./training-rows";

export interface ValidationSplit {
  isValidation(row: LabelledRow): boolean;
  /** The side of a bare (normalised) attack string: the side of every document it was planted in. */
  isValidationAttack(normalisedAttack: string): boolean;
  /** Planted instruction of each poisoned row that has a clean twin, keyed by the row's text. */
  planted: ReadonlyMap<string, PlantedSpan>;
}

const isValidationKey = (key: string): boolean => fnv1a32(key) % 10 === 0;
const attackKey = (normalisedAttack: string): string => `bipia-attack:${normalisedAttack}`;

export function createValidationSplit(options: { rows: readonly LabelledRow[]; normalise: (text: string) => string }): ValidationSplit {
  const planted = findPlantedByTwin(options);
  const keyOf = new Map<string, string>();
  for (const [text, span] of planted) {
    keyOf.set(text, attackKey(span.attack));
    keyOf.set(span.twinText, attackKey(span.attack));
  }
  return {
    isValidation: (row) => isValidationKey(keyOf.get(row.text) ?? row.text),
    isValidationAttack: (normalisedAttack) => isValidationKey(attackKey(normalisedAttack)),
    planted,
  };
}

export function splitTrainValidation(options: { rows: readonly LabelledRow[]; split: ValidationSplit }): {
  train: LabelledRow[];
  validation: LabelledRow[];
} {
  const train: LabelledRow[] = [];
  const validation: LabelledRow[] = [];
  for (const row of options.rows) (options.split.isValidation(row) ? validation : train).push(row);
  return { train, validation };
}
