// The v2 benign families (everyday-phrases.ts expanded): what ordinary users send, so a threshold that blocks
// "Bonjour Claude" or "Email me at bob@example.com" cannot be chosen. The last entries of every template list (and
// the last two phrases of each language) go to *.heldout.jsonl as unseen families, never trained on.
import { pick, type Random } from "../seeded-random";
import { buildCarrier, type CarrierKind } from "./carriers";
import {
  DEFENSIVE_TEMPLATES, DEVELOPER_TEMPLATES, EMAIL_TEMPLATES, EVERYDAY_QUESTIONS, GREETING_TEMPLATES, MULTILINGUAL_EVERYDAY, SLOTS,
  TRIGGER_WORD_TEMPLATES, USER_INSTRUCTIONS_AFTER, USER_INSTRUCTIONS_BEFORE,
} from "./everyday-phrases";
import type { Family } from "./generate-own-data";
import { heldOutSplit } from "./held-out";

const HELD_OUT_TEMPLATES = 2;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Fills `{slot}` (and `{Slot}`, capitalised) with an independent pick per occurrence. */
export function fillSlots(template: string, random: Random): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const key = name.charAt(0).toLowerCase() + name.slice(1);
    const pool = SLOTS[key];
    if (!pool) throw new Error(`unknown slot ${whole}`);
    const value = pick(pool, random);
    return name === key ? value : capitalise(value);
  });
}

function split<T>(items: readonly T[], heldOut: boolean, count = HELD_OUT_TEMPLATES): T[] {
  return heldOutSplit({ items, count, heldOut });
}

function templated(templates: readonly string[], heldOut: boolean, count = HELD_OUT_TEMPLATES): (random: Random) => string {
  const chosen = split(templates, heldOut, count);
  return (random) => fillSlots(pick(chosen, random), random);
}

/** Sometimes lower-cased or without the final punctuation, as people type in chat boxes. */
export function casual(make: (random: Random) => string): (random: Random) => string {
  return (random) => {
    const text = make(random);
    const roll = random();
    if (roll < 0.2) return text.toLowerCase();
    if (roll < 0.35) return text.replace(/[.!?]$/, "");
    return text;
  };
}

function multilingual(heldOut: boolean): (random: Random) => string {
  const phrases = Object.values(MULTILINGUAL_EVERYDAY).flatMap((list) => split(list, heldOut));
  return (random) => pick(phrases, random);
}

function longRequest(kinds: CarrierKind[], heldOut: boolean): (random: Random) => string {
  const before = split(USER_INSTRUCTIONS_BEFORE, heldOut);
  const after = split(USER_INSTRUCTIONS_AFTER, heldOut);
  return (random) => {
    const document = buildCarrier(pick(kinds, random), random).join("\n");
    return random() < 0.5 ? `${pick(before, random)}\n\n${document}` : `${document}\n\n${pick(after, random)}`;
  };
}

export function everydayFamilies(): Family[] {
  const families: Family[] = [];
  const add = (name: string, count: number, heldOutCount: number, make: (heldOut: boolean) => (random: Random) => string) => {
    families.push({ file: `${name}.jsonl`, labels: [], count, make: make(false) });
    families.push({ file: `${name}.heldout.jsonl`, labels: [], count: heldOutCount, make: make(true) });
  };
  add("benign-chat", 450, 60, (h) => casual(templated(GREETING_TEMPLATES, h)));
  add("benign-chat", 250, 40, (h) => casual(templated(EVERYDAY_QUESTIONS, h)));
  add("benign-trigger-words", 900, 80, (h) => casual(templated(TRIGGER_WORD_TEMPLATES, h, 3)));
  add("benign-email-addresses", 400, 50, (h) => casual(templated(EMAIL_TEMPLATES, h)));
  add("benign-developer", 450, 60, (h) => casual(templated(DEVELOPER_TEMPLATES, h)));
  add("benign-multilingual", 600, 60, (h) => casual(multilingual(h)));
  families.push({ file: "benign-long-requests.jsonl", labels: [], count: 500, make: longRequest(["email", "webpage", "code"], false) });
  families.push({ file: "benign-long-requests.heldout.jsonl", labels: [], count: 80, make: longRequest(["tool_result"], true) });
  add("benign-security-questions", 500, 60, (h) => casual(templated(DEFENSIVE_TEMPLATES, h)));
  return families;
}
