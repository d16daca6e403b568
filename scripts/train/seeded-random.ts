// Training never touches Math.random: the seeded PRNG (mulberry32) and pick are the red-team suite's own, plus an
// in-place Fisher-Yates shuffle for the training order, so a retrain with the same seed and rows gives the same bytes.
import type { Random } from "../../redteam/seeded-random";

export { createRandom, pick, type Random } from "../../redteam/seeded-random";

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
