// Logistic regression per head with FTRL-Proximal (per-coordinate adaptive rates, L1 keeps unused buckets at exactly
// zero so the int8 weights compress well). Deterministic: fixed seed, fixed row order, no Math.random.
import type { FeatureMatrix } from "./feature-matrix";
import { createRandom, shuffleInPlace, type Random } from "./seeded-random";

export interface FtrlOptions {
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  epochs: number;
  seed: number;
}

export const DEFAULT_FTRL: FtrlOptions = { alpha: 0.3, beta: 1, l1: 1, l2: 1, epochs: 4, seed: 20260426 };

export interface HeadTask {
  /** Per row: 1 positive, 0 negative, -1 ignored for this head. */
  targets: Int8Array;
  sampleWeights: Float32Array;
}

export interface TrainedHead {
  weights: Float32Array;
  bias: number;
}

function weightOf(z: number, n: number, options: FtrlOptions): number {
  const { alpha, beta, l1, l2 } = options;
  if (Math.abs(z) <= l1) return 0;
  return -(z - Math.sign(z) * l1) / ((beta + Math.sqrt(n)) / alpha + l2);
}

/** Extra rows in the order they go in, each with how many rows of the order they are merged into precede it. */
interface Placed {
  rows: Int32Array;
  before: Int32Array;
}

/** Places `extras` (shuffled) among `count` ordered rows at slots drawn from `random`. */
function place(options: { count: number; extras: Int32Array; random: Random }): Placed {
  const { count, extras, random } = options;
  if (extras.length === 0) return { rows: extras, before: extras };
  shuffleInPlace(extras, random);
  const isExtraSlot = new Int32Array(count + extras.length);
  isExtraSlot.fill(1, 0, extras.length);
  shuffleInPlace(isExtraSlot, random);
  const before = new Int32Array(extras.length);
  let seen = 0;
  let next = 0;
  for (let o = 0; o < isExtraSlot.length; o++) {
    if (isExtraSlot[o]) before[next++] = seen;
    else seen++;
  }
  return { rows: extras, before };
}

/** `order` with each group's rows put where placed, groups in turn where several land in one place. */
function merge(order: Int32Array, groups: readonly Placed[]): Int32Array {
  const merged = new Int32Array(order.length + groups.reduce((sum, group) => sum + group.rows.length, 0));
  const next = groups.map(() => 0);
  let out = 0;
  for (let k = 0; k <= order.length; k++) {
    groups.forEach((group, g) => {
      while (next[g] < group.rows.length && group.before[next[g]] === k) merged[out++] = group.rows[next[g]++];
    });
    if (k < order.length) merged[out++] = order[k];
  }
  return merged;
}

/**
 * One epoch's row order: `base` (the rows before the extras) reshuffled in place exactly as if it held all the rows;
 * the first group of extras (the opener twins) placed among it; then every later group placed, each from its own
 * generator, among that order alone. The rows already there keep their sequence, and a later group's places never
 * depend on another later group: a head that ignores a group trains to the same weights with or without it.
 */
function epochOrder(options: { base: Int32Array; random: Random; extraGroups: readonly { rows: Int32Array; random: Random }[] }): Int32Array {
  const shuffled = shuffleInPlace(options.base, options.random) as Int32Array;
  const [first, ...later] = options.extraGroups;
  if (!first) return shuffled;
  const order = merge(shuffled, [place({ count: shuffled.length, extras: first.rows.slice(), random: first.random })]);
  if (later.length === 0) return order;
  return merge(order, later.map((group) => place({ count: order.length, extras: group.rows.slice(), random: group.random })));
}

export function trainHeads(options: {
  matrix: FeatureMatrix;
  dimensions: number;
  tasks: readonly HeadTask[];
  ftrl?: Partial<FtrlOptions>;
  /**
   * Sizes of the groups of extra rows at the end of the matrix, in row order (e.g. opener twins, then rows that train
   * only some heads). Each group is interleaved without disturbing the order of the rows before it. Absent = none.
   */
  extraGroupSizes?: readonly number[];
}): TrainedHead[] {
  const ftrl: FtrlOptions = { ...DEFAULT_FTRL, ...options.ftrl };
  const { matrix, dimensions, tasks } = options;
  const random = createRandom(ftrl.seed);
  const groupSizes = options.extraGroupSizes ?? [];
  const base = new Int32Array(matrix.rowCount - groupSizes.reduce((sum, size) => sum + size, 0));
  for (let r = 0; r < base.length; r++) base[r] = r;
  let firstRow = base.length;
  const extraGroups = groupSizes.map((size, g) => {
    const rows = new Int32Array(size);
    for (let e = 0; e < size; e++) rows[e] = firstRow + e;
    firstRow += size;
    // Group 0 keeps the generator the opener twins always had, so existing heads retrain to the same bytes.
    return { rows, random: createRandom((ftrl.seed ^ 0x5eed) + g) };
  });
  let maxRow = 0;
  for (let r = 0; r < matrix.rowCount; r++) maxRow = Math.max(maxRow, matrix.offsets[r + 1] - matrix.offsets[r]);
  const rowWeights = new Float64Array(maxRow);

  const states = tasks.map(() => ({ z: new Float64Array(dimensions), n: new Float64Array(dimensions), bias: 0, biasN: 0 }));
  for (let epoch = 0; epoch < ftrl.epochs; epoch++) {
    const order = epochOrder({ base, random, extraGroups });
    for (let t = 0; t < tasks.length; t++) {
      const { targets, sampleWeights } = tasks[t];
      const state = states[t];
      const { z, n } = state;
      for (let o = 0; o < order.length; o++) {
        const r = order[o];
        const y = targets[r];
        if (y < 0) continue;
        const start = matrix.offsets[r];
        const end = matrix.offsets[r + 1];
        let margin = state.bias;
        for (let k = start; k < end; k++) {
          const i = matrix.indices[k];
          const w = weightOf(z[i], n[i], ftrl);
          rowWeights[k - start] = w;
          margin += w * matrix.values[k];
        }
        const p = margin >= 0 ? 1 / (1 + Math.exp(-margin)) : Math.exp(margin) / (1 + Math.exp(margin));
        const g = (p - y) * sampleWeights[r];
        for (let k = start; k < end; k++) {
          const i = matrix.indices[k];
          const gi = g * matrix.values[k];
          const ni = n[i];
          const sigma = (Math.sqrt(ni + gi * gi) - Math.sqrt(ni)) / ftrl.alpha;
          z[i] += gi - sigma * rowWeights[k - start];
          n[i] = ni + gi * gi;
        }
        // The bias gets plain AdaGrad: no L1/L2 on it.
        state.biasN += g * g;
        state.bias -= (ftrl.alpha * g) / (ftrl.beta + Math.sqrt(state.biasN));
      }
    }
  }
  return states.map((state) => {
    const weights = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i++) weights[i] = weightOf(state.z[i], state.n[i], ftrl);
    return { weights, bias: state.bias };
  });
}
