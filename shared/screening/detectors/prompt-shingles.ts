// Verbatim-copy detection for canary_leak: hashes of every run of N consecutive words (a "shingle") of a system
// prompt, and the shingles of an answer that equal one of them. Words are maximal runs of word characters
// (word-tokens.ts) of already normalised text; no word or shingle string is ever built.
// An answer is searched from a few anchor words of the prompt (indexOf, far cheaper than hashing every word of a
// long answer) when the prompt has few enough anchors; otherwise every word is hashed once.
import { isWordCode } from "../normalise/word-tokens";

export interface PromptShingles {
  size: number;
  /** First shingle hash → second hash. */
  shingles: Map<number, number>;
  /** Hashes of the prompt's words: an answer shingle is only hashed when all its words are in here. */
  vocabulary: Set<number>;
  /**
   * Distinct prompt words such that every shingle of the prompt contains one of them (chosen long, so they are
   * rare in answers), or undefined when there would be too many to search one by one.
   */
  anchors: string[] | undefined;
}

const MAX_ANCHORS = 24;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

interface WordRange {
  start: number;
  end: number;
}

/** The words of `text` as ranges, in order. */
function wordRanges(text: string): WordRange[] {
  const words: WordRange[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && isWordCode(text.charCodeAt(i));
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      words.push({ start, end: i });
      start = -1;
    }
  }
  return words;
}

/** 32-bit FNV-1a of text[start, end). */
function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** FNV-1a of every word of `text`, in order, in one pass. */
export function wordHashes(text: string): number[] {
  const hashes: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWordCode(code)) {
      h = Math.imul(h ^ code, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      hashes.push(h >>> 0);
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord) hashes.push(h >>> 0);
  return hashes;
}

/**
 * The shingle of `size` words starting at `start` as two independent 30-bit mixes of the word hashes (small
 * integers, which Maps hash fast; together 60 bits, so accidental matches are negligible).
 */
function shingleAt(hashes: readonly number[], start: number, size: number): { a: number; b: number } {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (let k = start; k < start + size; k++) {
    a = Math.imul(a ^ hashes[k], FNV_PRIME) >>> 0;
    b = (Math.imul(b + hashes[k], 0xc2b2ae35) ^ (b >>> 13)) >>> 0;
  }
  return { a: a & 0x3fffffff, b: b & 0x3fffffff };
}

/** First hashes of every shingle of already normalised `text`. */
export function shingleKeys(text: string, size: number): Set<number> {
  const hashes = wordHashes(text);
  const keys = new Set<number>();
  for (let i = 0; i + size <= hashes.length; i++) keys.add(shingleAt(hashes, i, size).a);
  return keys;
}

export function buildPromptShingles(normalisedPrompt: string, size: number): PromptShingles {
  const words = wordRanges(normalisedPrompt);
  const hashes = words.map((w) => hashRange(normalisedPrompt, w.start, w.end));
  const shingles = new Map<number, number>();
  for (let i = 0; i + size <= hashes.length; i++) {
    const { a, b } = shingleAt(hashes, i, size);
    shingles.set(a, b);
  }
  // Greedy: the first shingle not yet covered gets the longest word it contains as an anchor, which also covers
  // every later shingle containing that position.
  const anchors = new Set<string>();
  for (let i = 0; i + size <= words.length; ) {
    let best = i;
    for (let k = i + 1; k < i + size; k++) if (words[k].end - words[k].start >= words[best].end - words[best].start) best = k;
    anchors.add(normalisedPrompt.slice(words[best].start, words[best].end));
    i = best + 1;
  }
  return { size, shingles, vocabulary: new Set(hashes), anchors: anchors.size <= MAX_ANCHORS ? [...anchors] : undefined };
}

/** First hashes of the shingles of `text` (already normalised) that are also shingles of the prompt. */
export function copiedShingles(text: string, prompt: PromptShingles): number[] {
  return prompt.anchors ? copiedAroundAnchors(text, prompt, prompt.anchors) : copiedEverywhere(text, prompt);
}

/** The same result as copiedShingles from hashing every word of `text` (used when there are many anchors). */
export function copiedEverywhere(text: string, prompt: PromptShingles): number[] {
  const copied: number[] = [];
  const hashes = wordHashes(text);
  // Only runs of `size` words that all occur in the prompt can be copies (short of a 60-bit hash collision).
  let known = 0;
  for (let i = 0; i < hashes.length; i++) {
    known = prompt.vocabulary.has(hashes[i]) ? known + 1 : 0;
    if (known < prompt.size) continue;
    const { a, b } = shingleAt(hashes, i + 1 - prompt.size, prompt.size);
    if (prompt.shingles.get(a) === b) copied.push(a);
  }
  return copied;
}

/**
 * Every copied shingle contains a whole-word occurrence of some anchor, so only the words around each occurrence are
 * hashed: up to size-1 words on each side, read outwards from the occurrence.
 */
function copiedAroundAnchors(text: string, prompt: PromptShingles, anchors: readonly string[]): number[] {
  const copied: number[] = [];
  const size = prompt.size;
  for (const anchor of anchors) {
    for (let at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + 1)) {
      const end = at + anchor.length;
      if ((at > 0 && isWordCode(text.charCodeAt(at - 1))) || (end < text.length && isWordCode(text.charCodeAt(end)))) continue;
      const before: number[] = [];
      for (let i = at; before.length < size - 1; ) {
        while (i > 0 && !isWordCode(text.charCodeAt(i - 1))) i--;
        if (i === 0) break;
        const wordEnd = i;
        while (i > 0 && isWordCode(text.charCodeAt(i - 1))) i--;
        before.push(hashRange(text, i, wordEnd));
      }
      const hashes = before.reverse();
      const anchorIndex = hashes.length;
      hashes.push(hashRange(text, at, end));
      for (let i = end; hashes.length < anchorIndex + size; ) {
        while (i < text.length && !isWordCode(text.charCodeAt(i))) i++;
        if (i === text.length) break;
        const wordStart = i;
        while (i < text.length && isWordCode(text.charCodeAt(i))) i++;
        hashes.push(hashRange(text, wordStart, i));
      }
      for (let start = Math.max(0, anchorIndex - size + 1); start <= anchorIndex && start + size <= hashes.length; start++) {
        const { a, b } = shingleAt(hashes, start, size);
        if (prompt.shingles.get(a) === b) copied.push(a);
      }
    }
  }
  return copied;
}
