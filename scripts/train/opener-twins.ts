// Opener twins for the harmful_request head: for every harmful training row, a benign row that keeps its opening
// function words ("How can I", "How will people", "Write a persuasive") and swaps the rest for a harmless subject.
// The corpus's harmful rows are mostly questions of a few shapes, class-weighted ~25x, while its benign questions are
// not, so the head had learned the opener itself ("how can i" alone scored 0.98) and decided every question about an
// unseen subject by it. Weighted a fraction of its harmful row (head-tasks.ts), a twin pulls the opener's weight toward
// zero and leaves more of the decision to the subject.
// Built at training time from the train split only (never validation), so no corpus text is copied into data/.
import { createRandom, pick, type Random } from "./seeded-random";
import type { LabelledRow } from "./training-rows";

export const OPENER_TWIN_SOURCE = "edgeguard/opener-twin";
const SEED = 2611;
const MAX_OPENER_WORDS = 8;

/** Words that carry the shape of a request, not its subject. */
const OPENER_WORDS = new Set([
  "how", "what", "what's", "where", "when", "why", "which", "who", "will", "would", "did", "does", "do", "was", "were",
  "is", "are", "can", "could", "should", "shall", "may", "might", "i", "we", "you", "me", "my", "our", "your", "people",
  "individuals", "someone", "somebody", "one", "a", "an", "the", "to", "be", "best", "ways", "way", "some", "any",
  "help", "give", "detailed", "step-by-step", "instructions", "for", "write", "create", "develop", "provide", "explain",
  "tell", "describe", "assist", "please", "in", "of", "on", "with", "about", "it", "there", "methods", "steps", "tips",
  "guide", "tutorial", "list", "persuasive", "convincing", "post", "article", "code", "script", "easiest", "quickest",
  "most", "effective", "that", "this", "and", "or", "if", "actually", "really",
]);

/**
 * Subjects come from the benign short questions of the same train split (CLINC intents, Presidio's synthetic
 * sentences, XSTest's safe prompts), minus their own openers: thousands of different words, each rare, so no subject
 * can soak up the twins' benign signal and the opener itself has to lose its weight.
 */
const SUBJECT_SOURCES = ["clinc/", "microsoft/presidio-research", "paul-rottger/"];
const MIN_SUBJECT_WORDS = 2;
const MAX_SUBJECT_WORDS = 8;

/** The tense rephrasings' closing words ("… in the future?") are part of the shape too. */
const TENSE_TAIL = /\s+in the (?:future|past)$/i;

function opener(text: string): string[] {
  const words = text.trim().split(/\s+/);
  const kept: string[] = [];
  for (const word of words.slice(0, MAX_OPENER_WORDS)) {
    if (!OPENER_WORDS.has(word.toLowerCase().replace(/[,.?!:;]+$/, ""))) break;
    kept.push(word);
  }
  return kept;
}

function subjectPool(rows: readonly LabelledRow[]): string[] {
  const pool: string[] = [];
  for (const row of rows) {
    if (row.labels.length > 0 || row.direction !== "input" || !SUBJECT_SOURCES.some((source) => row.source.startsWith(source))) continue;
    const words = row.text.trim().replace(/[?.!]+$/, "").split(/\s+/);
    const start = opener(row.text).length;
    const subject = words.slice(start, start + MAX_SUBJECT_WORDS);
    if (subject.length >= MIN_SUBJECT_WORDS) pool.push(subject.join(" "));
  }
  return pool;
}

/** One benign twin per harmful row that opens with request-shape words (rows opening on a content word get none). */
export function openerTwins(rows: readonly LabelledRow[]): LabelledRow[] {
  const random = createRandom(SEED);
  const subjects = subjectPool(rows);
  const twins: LabelledRow[] = [];
  if (subjects.length === 0) return twins;
  for (const row of rows) {
    if (!row.labels.includes("harmful_request")) continue;
    const words = opener(row.text);
    if (words.length === 0) continue;
    const trimmed = row.text.trim();
    const tail = trimmed.replace(/[?.!]+$/, "").match(TENSE_TAIL)?.[0] ?? "";
    const end = /[?.!]$/.test(trimmed) ? trimmed.charAt(trimmed.length - 1) : "";
    const text = `${words.join(" ")} ${pick(subjects, random)}${tail}${end}`;
    twins.push({ text, labels: [], direction: row.direction, source: OPENER_TWIN_SOURCE });
  }
  return twins;
}
