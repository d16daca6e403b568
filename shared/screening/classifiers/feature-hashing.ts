// Hashed n-gram features for the linear classifiers: char 3-5-grams over whitespace-collapsed, space-padded text plus
// word uni- and bigrams, signed feature hashing, sublinear counts and L2 normalisation (so length is no shortcut).
// Training (scripts/train) and serving (linear-model.ts) both call `hashFeatures`, so they see the same vector.

export interface FeatureConfig {
  /** log2 of the hashed vector size; the model's weights have this many entries per head. */
  bits: number;
  /**
   * Character n-gram lengths (default 3..5). `maxGram: 0` turns char grams off (word uni/bigrams only: about a
   * seventh of the emissions, which the window head uses to keep windowed scoring cheap).
   */
  minGram?: number;
  maxGram?: number;
  /**
   * Added to the sum of squares before the L2 normalisation (default 0). A text with few n-grams ("fallback", "ok")
   * then gets a shorter vector, so its score stays near the prior instead of one n-gram deciding it; texts of a
   * sentence or more (hundreds of n-grams) are barely affected.
   */
  normPseudoCount?: number;
}

// 2^16 buckets: on validation within ~0.01 AUC of 2^17 and 2^18, and the 256 KiB weights stay in L2 cache.
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { bits: 16 };

/**
 * A sparse, L2-normalised vector of sublinear signed counts. `indices` and `values` are views into buffers reused by
 * the next call: read them (or copy them) before calling `hashFeatures` again.
 */
export interface HashedFeatures {
  indices: Int32Array;
  values: Float32Array;
  count: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
// Distinct seeds keep a char n-gram and a word with the same letters in different buckets.
const WORD_SEED = 0x2f6b1a3d;
const BIGRAM_SEED = 0x5bd1e995;
const MIN_GRAM = 3;
const MAX_GRAM = 5;
const MAX_GRAMS_PER_UNIT = MAX_GRAM - MIN_GRAM + 1;
const SPACE = 32;

/** FNV-1a over UTF-16 code units: the stable text hash used for splits and ids (not for features). */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function isSpace(c: number): boolean {
  return c === SPACE || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

/** CJK scripts have no spaces: each ideograph/kana is its own word token (so word bigrams act as char bigrams). */
function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

function isWordUnit(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ||
    (c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7)
  );
}

// Scratch buffers, grown on demand and reused: inference allocates nothing per call once warm.
let units = new Uint16Array(4096);
let emitted = new Int32Array(4096 * 5);

/** Copies `text` into `units` with whitespace runs collapsed and one space of padding each side; returns the length. */
function collapse(text: string): number {
  if (units.length < text.length + 2) units = new Uint16Array(text.length * 2 + 2);
  const buffer = units;
  let n = 0;
  buffer[n++] = SPACE;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (buffer[n - 1] !== SPACE) buffer[n++] = SPACE;
    } else {
      buffer[n++] = c;
    }
  }
  if (buffer[n - 1] !== SPACE) buffer[n++] = SPACE;
  return n;
}

/** murmur3's finaliser spreads FNV's weak low bits; inlined by V8 (this is the hot path, budget 30 us/KB). */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function emitCharGrams(length: number, out: Int32Array, count: number, minGram: number, maxGram: number): number {
  const buffer = units;
  for (let start = 0; start + minGram <= length; start++) {
    let h = FNV_OFFSET;
    const end = Math.min(start + maxGram, length);
    for (let i = start; i < end; i++) {
      h = Math.imul(h ^ buffer[i], FNV_PRIME);
      if (i - start + 1 >= minGram) out[count++] = mix(h);
    }
  }
  return count;
}

function emitWords(length: number, out: Int32Array, count: number): number {
  const buffer = units;
  let previous = 0;
  let hasPrevious = false;
  let h = WORD_SEED;
  let inWord = false;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? buffer[i] : SPACE;
    const cjk = isCjk(c);
    if (!cjk && isWordUnit(c)) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
      continue;
    }
    // A word just ended, and/or a CJK character is a word of its own: emit its unigram and bigram.
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 0 ? !inWord : !cjk) continue;
      if (pass === 1) h = Math.imul(WORD_SEED ^ c, FNV_PRIME);
      out[count++] = mix(h);
      if (hasPrevious) out[count++] = mix(Math.imul(previous ^ BIGRAM_SEED, FNV_PRIME) ^ h);
      previous = h;
      hasPrevious = true;
      inWord = false;
      h = WORD_SEED;
    }
  }
  return count;
}

/**
 * Every n-gram of the text as a mixed 32-bit hash, in text order (char grams, then words). Bucket = hash & mask,
 * sign = top bit (signed hashing: collisions cancel on average instead of adding up). The view is reused next call.
 */
export function emitHashes(
  normalised: string,
  grams: { minGram?: number; maxGram?: number } = {},
): { hashes: Int32Array; count: number } {
  const count = emitInto(normalised, grams.minGram ?? MIN_GRAM, grams.maxGram ?? MAX_GRAM);
  return { hashes: emitted, count };
}

// The hot paths take numbers, not the config objects: the model's and the window head's FeatureConfig have different
// shapes, and reading them inside the loops made V8 deoptimise hashFeatures ~400 times per benchmark ("wrong map").
function emitInto(normalised: string, minGram: number, maxGram: number): number {
  if (maxGram !== 0 && (minGram < 1 || maxGram < minGram || maxGram - minGram + 1 > MAX_GRAMS_PER_UNIT)) {
    throw new Error(`feature hashing: unsupported char gram range ${minGram}..${maxGram}`);
  }
  const length = collapse(normalised);
  // Each unit emits at most MAX_GRAMS_PER_UNIT char grams + 2 word features.
  if (emitted.length < length * (MAX_GRAMS_PER_UNIT + 2) + 8) emitted = new Int32Array(length * 10 + 8);
  const count = maxGram === 0 ? 0 : emitCharGrams(length, emitted, 0, minGram, maxGram);
  return emitWords(length, emitted, count);
}

// Aggregation uses a small open-addressing table sized to the text (not a 2^bits sparse set): a 256 KiB table
// indexed at random measured ~23 ns a lookup here (cache misses), while a table of ~2x the emissions stays in L1/L2.
// Slots are assigned in first-occurrence order, so the summation order (and every float) matches the simple version.
let table = new Int32Array(1024); // entry = feature index + 1 (0 = empty)
let tableSlot = new Int32Array(1024);
let outIndices = new Int32Array(4096);
let outValues = new Float32Array(4096);
let outCounts = new Int32Array(4096);

// 1 + ln(c) for small counts, precomputed: the same doubles Math.log returns, without the call per repeated feature.
const LOG_TABLE_SIZE = 256;
const ONE_PLUS_LOG = new Float64Array(LOG_TABLE_SIZE);
for (let c = 1; c < LOG_TABLE_SIZE; c++) ONE_PLUS_LOG[c] = 1 + Math.log(c);

function sublinear(c: number): number {
  // Sublinear counts: a word repeated 50 times is evidence, not 50 times the evidence (tables repeat "|" a lot).
  if (c === 1 || c === -1 || c === 0) return c;
  if (c > 0) return c < LOG_TABLE_SIZE ? ONE_PLUS_LOG[c] : 1 + Math.log(c);
  return -c < LOG_TABLE_SIZE ? -ONE_PLUS_LOG[-c] : -(1 + Math.log(-c));
}

/** The sparse feature vector of already-normalised text (see ScanInput.normalised). */
export function hashFeatures(normalised: string, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): HashedFeatures {
  const count = hashFeaturesInPlace(normalised, config);
  return { indices: outIndices.subarray(0, count), values: outValues.subarray(0, count), count };
}

/**
 * hashFeatures without the two subarray views (measurable on short texts): hashes into the shared scratch buffers
 * and returns the feature count; read them with `scratchFeatures()` before the next call. For the serving hot path.
 */
export function hashFeaturesInPlace(normalised: string, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): number {
  const emittedCount = emitInto(normalised, config.minGram ?? MIN_GRAM, config.maxGram ?? MAX_GRAM);
  return aggregate(emitted, emittedCount, config.bits, config.normPseudoCount ?? 0);
}

/** The scratch buffers the last hashFeaturesInPlace wrote (entries 0..count-1 are valid; may grow between calls). */
export function scratchFeatures(): { indices: Int32Array; values: Float32Array } {
  return { indices: outIndices, values: outValues };
}

/** Sums the signed emissions per bucket into outIndices/outValues (first-occurrence order); returns the count. */
function aggregate(hashes: Int32Array, emittedCount: number, bits: number, normPseudoCount: number): number {
  if (outIndices.length < emittedCount) {
    outIndices = new Int32Array(emittedCount * 2);
    outValues = new Float32Array(emittedCount * 2);
    outCounts = new Int32Array(emittedCount * 2);
  }
  // Load factor <= 1/2; never larger than needed for 2^bits distinct features.
  let size = 64;
  while (size < emittedCount * 2 && size < 1 << (bits + 1)) size <<= 1;
  if (table.length < size) {
    table = new Int32Array(size);
    tableSlot = new Int32Array(size);
  } else {
    table.fill(0, 0, size);
  }
  const mask = (1 << bits) - 1;
  const probeMask = size - 1;
  // Locals, not the module-level `let`s: V8 keeps these loops tight only when the arrays are in registers.
  const keys = table;
  const slots = tableSlot;
  const indices = outIndices;
  const values = outValues;
  const counts = outCounts; // integer counts: float += in this loop measured ~2.5x slower
  let count = 0;
  for (let k = 0; k < emittedCount; k++) {
    const m = hashes[k];
    const index = m & mask;
    const key = index + 1;
    // The index is already well mixed (murmur finaliser), so its low bits are a fine probe start.
    let position = index & probeMask;
    for (;;) {
      const found = keys[position];
      if (found === key) {
        counts[slots[position]] += (m >> 31) | 1; // top bit is the sign: -1 or +1
        break;
      }
      if (found === 0) {
        keys[position] = key;
        slots[position] = count;
        indices[count] = index;
        counts[count++] = (m >> 31) | 1;
        break;
      }
      position = (position + 1) & probeMask;
    }
  }
  let sumSquares = 0;
  for (let k = 0; k < count; k++) {
    const c = counts[k];
    if (c === 1 || c === -1) {
      // Most n-grams occur once: value +-1, square exactly 1 (the same doubles as the general path).
      values[k] = c;
      sumSquares += 1;
    } else {
      const value = sublinear(c);
      values[k] = value;
      sumSquares += value * value;
    }
  }
  const denominator = sumSquares + normPseudoCount;
  const scale = denominator > 0 ? 1 / Math.sqrt(denominator) : 0;
  for (let k = 0; k < count; k++) values[k] *= scale;
  return count;
}
