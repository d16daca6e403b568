// A small seeded PRNG (mulberry32) and a Fisher-Yates shuffle: training never touches Math.random, so a retrain with
// the same seed and rows gives the same bytes.

export type Random = () => number;

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles in place and returns the same array. */
export function shuffleInPlace<T>(items: T[] | Int32Array, random: Random): T[] | Int32Array {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp as never;
  }
  return items;
}

/** Picks one element deterministically. */
export function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)];
}
