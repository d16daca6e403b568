// A small seeded PRNG (mulberry32) for the red-team suite: the same seed always builds the same cases and mutations,
// so a CI run is reproducible and a regression can be replayed. Never Math.random.

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

/**
 * A generator for one named part of the suite, derived from the run seed and the label (FNV-1a), so adding cases to
 * one part does not reshuffle every other part.
 */
export function randomFor(options: { seed: number; label: string }): Random {
  let hash = 0x811c9dc5;
  for (let i = 0; i < options.label.length; i++) hash = Math.imul(hash ^ options.label.charCodeAt(i), 0x01000193);
  return createRandom((options.seed ^ hash) >>> 0);
}

export function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)];
}

export function randomInt(options: { min: number; max: number }, random: Random): number {
  return options.min + Math.floor(random() * (options.max - options.min + 1));
}

/** A shuffled copy (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `count` distinct items in a seeded order (all of them when there are fewer). */
export function sample<T>(items: readonly T[], count: number, random: Random): T[] {
  return shuffled(items, random).slice(0, count);
}
