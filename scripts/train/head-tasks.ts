// Turns labelled rows into one training task per head: targets (with injection/jailbreak overlap ignored) and sample
// weights that balance the classes inside each length bucket, so "long text" cannot stand in for "attack".
import { CLASSIFIER_LABELS, type ClassifierLabel } from "../../shared/screening/classifiers/linear-model";
import type { HeadTask } from "./ftrl-trainer";
import { OPENER_TWIN_SOURCE } from "./opener-twins";
import { isBipiaRow, isOwnRow, lengthBucket, type LabelledRow } from "./training-rows";

const BUCKETS = 4;

/**
 * The corpus README: many jailbreaks open with "ignore all previous instructions". A jailbreak row is not a negative
 * for the injection head (and vice versa): both heads learn "attack vs benign" and each still emits its category.
 */
const IGNORED_FOR: Record<ClassifierLabel, ClassifierLabel[]> = {
  prompt_injection: ["jailbreak"],
  jailbreak: ["prompt_injection"],
  harmful_request: [],
  toxicity: [],
};

/** Which heads a family trains: whole-text heads by label, and whether the injection head's line view does. */
interface FamilyHeads {
  wholeText: readonly ClassifierLabel[];
  lineView: boolean;
}

/**
 * Families we wrote to mend some heads' false positives train only those heads. The other heads ignore them, and
 * train-model.ts puts them last as extras, so those heads retrain to the same bytes: a fix for one head cannot move
 * another's weights or calibration (session 14: contact details, which only the injection head mistook, moved the
 * harmful_request threshold when every head trained on them). RAG prompts (v13) train the line view alone: only it
 * mistook them, and as whole-text rows they taught the injection head that "after answering, …" is benign.
 */
const HEADS_TRAINED_BY_SOURCE: Readonly<Record<string, FamilyHeads>> = {
  "edgeguard/data:benign-contact-details.jsonl": { wholeText: ["prompt_injection"], lineView: true },
  "edgeguard/data:benign-chat-requests.jsonl": { wholeText: ["harmful_request"], lineView: false },
  "edgeguard/data:benign-rag-prompts.jsonl": { wholeText: [], lineView: true },
  "edgeguard/data:injection-rag-prompts.jsonl": { wholeText: [], lineView: true },
  "edgeguard/data:benign-answers.jsonl": { wholeText: ["toxicity"], lineView: false },
  "edgeguard/data:toxic-answers.jsonl": { wholeText: ["toxicity"], lineView: false },
};

/** The sources whose rows only some heads train on, in a fixed order: each becomes its own group of extras. */
export const SOME_HEADS_SOURCES: readonly string[] = Object.keys(HEADS_TRAINED_BY_SOURCE);

/** Whether `label`'s whole-text head trains on a row: false only where the row's family leaves it out. */
export function trainsHead(row: LabelledRow, label: ClassifierLabel): boolean {
  return HEADS_TRAINED_BY_SOURCE[row.source]?.wholeText.includes(label) ?? true;
}

/** Whether the injection head's line view trains on a row's pieces: false only where the row's family leaves it out. */
export function trainsLineView(row: LabelledRow): boolean {
  return HEADS_TRAINED_BY_SOURCE[row.source]?.lineView ?? true;
}

/** A row that only some heads train on (see HEADS_TRAINED_BY_SOURCE). */
export function trainsSomeHeadsOnly(row: LabelledRow): boolean {
  return HEADS_TRAINED_BY_SOURCE[row.source] !== undefined;
}

export interface TaskWeighting {
  /** Bounds on the per-bucket reweighting factor (ratio of the other class's share to this class's share). */
  minBucketFactor: number;
  maxBucketFactor: number;
  /** Cap on the positive class weight (total negative mass / positive count). */
  maxClassWeight: number;
  /**
   * Extra weight on our own benign rows (data/*.jsonl), applied after the class balancing: they are few next to
   * 27k corpus rows, but they are the everyday traffic a false positive hurts most. Absent = 1.
   */
  ownBenignWeight?: number;
  /**
   * Leave poisoned documents with a planted task (BIPIA's, our document tasks) out of the whole-text injection head;
   * their clean twins stay negatives. The line view owns them: whole-text training on them taught the head "a table
   * is an injection", and our planted "How do I …?" lines taught it that short developer questions are.
   */
  plantedDocumentsWindowOnly?: boolean;
  /**
   * Train the harmful_request head with one benign opener twin per harmful row (opener-twins.ts), each weighted this
   * fraction of a positive's weight (1: the opener cancels out entirely). Other heads ignore the twins. Absent = none.
   */
  harmfulOpenerTwins?: number;
}

// ownBenignWeight 3 (v2): on validation every head's recall rose (injection whole-text 0.848 -> 0.899, harmful 0.904 ->
// 0.919) within the FPR caps; 6 was no better.
// plantedDocumentsWindowOnly (v3): on the attack-grouped validation split, the whole-text head flagged 22% of clean
// BIPIA tables and caught 45% of poisoned ones; without them it flags none, and the line view catches the poisoned ones.
// harmfulOpenerTwins 0.3 (v3.1): the largest twin weight that keeps validation harmful recall at v3's 0.934 (0.3: 0.939,
// 0.4: 0.924, 0.5: 0.919, 0.7: 0.909, 1: 0.904). Only the harmful head changes (the twins are extras: ftrl-trainer).
export const DEFAULT_WEIGHTING: TaskWeighting = {
  minBucketFactor: 1, maxBucketFactor: 20, maxClassWeight: 30, ownBenignWeight: 3, plantedDocumentsWindowOnly: true,
  harmfulOpenerTwins: 0.3,
};

function isOpenerTwin(row: LabelledRow): boolean {
  return row.source === OPENER_TWIN_SOURCE;
}

/** A poisoned document whose injection is a planted task line (its twin, the clean document, is benign). */
export function isPlantedDocument(row: LabelledRow): boolean {
  return row.labels.includes("prompt_injection") &&
    (isBipiaRow(row) || row.source.endsWith("injection-document-task.jsonl") || row.source.endsWith("injection-rag-prompts.jsonl"));
}

/** 1 positive, 0 negative, -1 ignored by this head (see IGNORED_FOR and TaskWeighting.bipiaWindowOnly). */
export function targetFor(row: LabelledRow, label: ClassifierLabel, weighting?: Pick<TaskWeighting, "plantedDocumentsWindowOnly">): number {
  if (weighting?.plantedDocumentsWindowOnly && label === "prompt_injection" && isPlantedDocument(row)) return -1;
  if (isOpenerTwin(row)) return label === "harmful_request" ? 0 : -1;
  if (!trainsHead(row, label)) return -1;
  if (row.labels.includes(label)) return 1;
  if (row.labels.some((other) => IGNORED_FOR[label].includes(other))) return -1;
  return 0;
}

export function buildHeadTasks(options: { rows: readonly LabelledRow[]; weighting?: TaskWeighting }): HeadTask[] {
  const weighting = options.weighting ?? DEFAULT_WEIGHTING;
  const rows = options.rows;
  const buckets = rows.map((row) => lengthBucket(row.text));
  return CLASSIFIER_LABELS.map((label) => {
    const targets = new Int8Array(rows.length);
    const counts = [new Float64Array(BUCKETS), new Float64Array(BUCKETS)];
    rows.forEach((row, r) => {
      targets[r] = targetFor(row, label, weighting);
      if (targets[r] >= 0) counts[targets[r]][buckets[r]]++;
    });
    const totals = counts.map((perBucket) => perBucket.reduce((a, b) => a + b, 0));
    const factor = (cls: 0 | 1, bucket: number): number => {
      const own = counts[cls][bucket] / Math.max(totals[cls], 1);
      const other = counts[1 - cls][bucket] / Math.max(totals[1 - cls], 1);
      if (own === 0 || other === 0) return weighting.minBucketFactor;
      return Math.min(weighting.maxBucketFactor, Math.max(weighting.minBucketFactor, other / own));
    };
    const sampleWeights = new Float32Array(rows.length);
    let negativeMass = 0;
    let positiveMass = 0;
    rows.forEach((_, r) => {
      if (targets[r] < 0) return;
      sampleWeights[r] = factor(targets[r] as 0 | 1, buckets[r]);
      if (targets[r] === 1) positiveMass += sampleWeights[r];
      else negativeMass += sampleWeights[r];
    });
    const classWeight = Math.min(weighting.maxClassWeight, negativeMass / Math.max(positiveMass, 1));
    const ownBenignWeight = weighting.ownBenignWeight ?? 1;
    rows.forEach((row, r) => {
      if (targets[r] === 1) sampleWeights[r] *= classWeight;
      else if (isOpenerTwin(row)) sampleWeights[r] *= classWeight * (weighting.harmfulOpenerTwins ?? 0);
      else if (row.labels.length === 0 && isOwnRow(row)) sampleWeights[r] *= ownBenignWeight;
    });
    return { targets, sampleWeights };
  });
}
