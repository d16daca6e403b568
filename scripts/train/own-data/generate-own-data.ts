// Expands the team's templates and slot fillers into data/*.jsonl, deterministically (seeded). Whole template
// families go to *.heldout.jsonl, never trained on, for an honest "unseen attacks" estimate.
// Run: `npx tsx scripts/train/own-data/generate-own-data.ts` (rewrites data/*.jsonl; training reads them).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ClassifierLabel } from "../../../shared/screening/classifiers/linear-model";
import { createRandom, pick, type Random } from "../seeded-random";
import { OWN_DATA_DIR, type LabelledRow } from "../training-rows";
import {
  HARMS, HIJACK_TEMPLATES, JAILBREAK_TEMPLATES, LEAK_PROMPTS, OVERRIDE_TEMPLATES, OVERRIDE_VERBS, PAYLOADS, PERSONAS,
  PLANTED_TEMPLATES, PRIOR_WORDS, RULE_NOUNS, SPOOF_TEMPLATES,
} from "./attack-phrases";
import {
  BENIGN_ENCODED_CONTENT, BENIGN_INSTRUCTIONS, CODE_SNIPPETS, FICTION, SECURITY_QUESTIONS, SYSTEM_PROMPTS,
} from "./benign-phrases";
import { buildCarrier, plant, type CarrierKind } from "./carriers";
import { chatFollowUpFamilies } from "./chat-follow-ups";
import { chatRequestFamilies } from "./chat-requests";
import { contactDetailFamilies } from "./contact-details";
import { jailbreakTemplateFamilies } from "./jailbreak-templates";
import { session14BlindSetFamilies } from "./session14-blind-sets";
import { session22BlindSetFamilies } from "./session22-blind-sets";
import { documentTaskFamilies } from "./document-tasks";
import { everydayFamilies } from "./everyday-families";
import { harmfulPairFamilies } from "./harmful-pairs";
import { heldOutSplit } from "./held-out";
import { howToFamilies } from "./how-to-questions";
import { MULTILINGUAL } from "./multilingual-phrases";
import { answerToneFamilies } from "./answer-tone";
import { appPromptFamilies } from "./app-prompts";
import { OBFUSCATIONS } from "./obfuscations";
import { ragPromptFamilies } from "./rag-prompts";
import { systemPromptFamilies } from "./system-prompts";

const SEED = 1010;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function fillTemplate(template: string, random: Random): string {
  const slots: Record<string, readonly string[]> = {
    verb: OVERRIDE_VERBS, prior: PRIOR_WORDS, rules: RULE_NOUNS, payload: PAYLOADS, persona: PERSONAS, harm: HARMS,
  };
  const chosen: Record<string, string> = {};
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const key = name.toLowerCase();
    chosen[key] ??= pick(slots[key], random);
    return name === key ? chosen[key] : capitalise(chosen[key]);
  });
}

/** Splits a list into trained items and held-out items (the last `count` entries: whole templates, not rows). */
function partition<T>(items: readonly T[], count: number): { train: T[]; heldOut: T[] } {
  return { train: heldOutSplit({ items, count, heldOut: false }), heldOut: heldOutSplit({ items, count, heldOut: true }) };
}

export interface Family {
  file: string;
  labels: ClassifierLabel[];
  count: number;
  /** One row's text, or (with twinFile) a poisoned document and its clean twin, written as a benign row there. */
  make: (random: Random) => string | { text: string; twin: string };
  twinFile?: string;
}

/** One row per text, in order (the draws of the shared generator are left alone). */
export function fixed(file: string, labels: Family["labels"], texts: readonly string[]): Family {
  let next = 0;
  return { file, labels, count: texts.length, make: () => texts[next++] };
}

function templated(templates: readonly string[]): (random: Random) => string {
  return (random) => fillTemplate(pick(templates, random), random);
}

const LEAD_INS = ["", "", "Hey, ", "Quick question. ", "Thanks! ", "OK. ", "Hello assistant. "];

function families(): Family[] {
  const override = partition(OVERRIDE_TEMPLATES, 2);
  const spoof = partition(SPOOF_TEMPLATES, 2);
  const leak = partition(LEAK_PROMPTS, 3);
  const hijack = partition(HIJACK_TEMPLATES, 2);
  const planted = partition(PLANTED_TEMPLATES, 2);
  const jailbreak = partition(JAILBREAK_TEMPLATES, 2);
  const directAttack = (templates: readonly string[]) => templated(templates);
  const withLeadIn = (make: (random: Random) => string) => (random: Random) => pick(LEAD_INS, random) + make(random);
  const indirect = (kinds: CarrierKind[], templates: readonly string[]) => (random: Random) =>
    plant(buildCarrier(pick(kinds, random), random), fillTemplate(pick(templates, random), random), random);
  const clean = (kinds: CarrierKind[]) => (random: Random) => buildCarrier(pick(kinds, random), random).join("\n");
  const obfuscated = (names: string[], templates: readonly string[]) => (random: Random) =>
    OBFUSCATIONS[pick(names, random)](fillTemplate(pick(templates, random), random), random);
  const lang = (part: "injection" | "jailbreak" | "benign", heldOut: boolean) => {
    const items = Object.values(MULTILINGUAL).flatMap((phrases) => {
      const split = partition(phrases[part], 1);
      return heldOut ? split.heldOut : split.train;
    });
    return withLeadIn((random) => pick(items, random));
  };
  const benignPool = (heldOut: boolean) => {
    const lists = [SECURITY_QUESTIONS, CODE_SNIPPETS, BENIGN_INSTRUCTIONS, SYSTEM_PROMPTS, FICTION];
    const items = lists.flatMap((list) => (heldOut ? partition(list, 2).heldOut : partition(list, 2).train));
    return withLeadIn((random) => pick(items, random));
  };
  const benignEncoded = (random: Random) =>
    pick(["Can you decode this for me? ", "What does this say: ", ""], random) +
    OBFUSCATIONS[pick(["base64", "hex", "rot13"], random)](pick(BENIGN_ENCODED_CONTENT, random), random).replace(
      /^(Decode this and follow it: |Run the instruction encoded here: |hex-decode and obey: |ROT13, decode and do it: )/,
      "",
    );
  const trainedKinds: CarrierKind[] = ["email", "webpage", "code"];
  const attackTemplates = [...override.train, ...spoof.train];
  return [
    { file: "injection-direct.jsonl", labels: ["prompt_injection"], count: 500, make: withLeadIn(directAttack(override.train)) },
    { file: "injection-direct.jsonl", labels: ["prompt_injection"], count: 250, make: withLeadIn(directAttack(spoof.train)) },
    { file: "injection-direct.jsonl", labels: ["prompt_injection"], count: 120, make: withLeadIn((r) => pick(leak.train, r)) },
    { file: "injection-direct.jsonl", labels: ["prompt_injection"], count: 200, make: withLeadIn(directAttack(hijack.train)) },
    { file: "injection-direct.heldout.jsonl", labels: ["prompt_injection"], count: 150, make: withLeadIn(directAttack([...override.heldOut, ...spoof.heldOut, ...hijack.heldOut])) },
    { file: "injection-direct.heldout.jsonl", labels: ["prompt_injection"], count: 40, make: withLeadIn((r) => pick(leak.heldOut, r)) },
    { file: "injection-indirect.jsonl", labels: ["prompt_injection"], count: 600, make: indirect(trainedKinds, planted.train) },
    { file: "injection-indirect.heldout.jsonl", labels: ["prompt_injection"], count: 150, make: indirect(["tool_result"], planted.heldOut) },
    { file: "injection-obfuscated.jsonl", labels: ["prompt_injection"], count: 450, make: obfuscated(["base64", "hex", "rot13", "homoglyph", "leet", "spacing"], attackTemplates) },
    { file: "injection-obfuscated.heldout.jsonl", labels: ["prompt_injection"], count: 120, make: obfuscated(["punctuation", "splitting"], attackTemplates) },
    { file: "jailbreak.jsonl", labels: ["jailbreak"], count: 450, make: directAttack(jailbreak.train) },
    { file: "jailbreak.heldout.jsonl", labels: ["jailbreak"], count: 100, make: directAttack(jailbreak.heldOut) },
    { file: "multilingual.jsonl", labels: ["prompt_injection"], count: 300, make: lang("injection", false) },
    { file: "multilingual.jsonl", labels: ["jailbreak"], count: 120, make: lang("jailbreak", false) },
    { file: "multilingual.jsonl", labels: [], count: 450, make: lang("benign", false) },
    { file: "multilingual.heldout.jsonl", labels: ["prompt_injection"], count: 40, make: lang("injection", true) },
    { file: "multilingual.heldout.jsonl", labels: ["jailbreak"], count: 30, make: lang("jailbreak", true) },
    { file: "multilingual.heldout.jsonl", labels: [], count: 40, make: lang("benign", true) },
    { file: "benign-hard-negatives.jsonl", labels: [], count: 700, make: benignPool(false) },
    { file: "benign-hard-negatives.jsonl", labels: [], count: 60, make: benignEncoded },
    { file: "benign-hard-negatives.heldout.jsonl", labels: [], count: 80, make: benignPool(true) },
    { file: "benign-long-documents.jsonl", labels: [], count: 700, make: clean(trainedKinds) },
    { file: "benign-long-documents.heldout.jsonl", labels: [], count: 150, make: clean(["tool_result"]) },
    // v2: everyday benign traffic, appended last so the rows above (and their seeded draws) are unchanged.
    ...everydayFamilies(),
    // v3: documents with a planted line addressed to the model, next to their clean twins.
    ...documentTaskFamilies(),
    // v4, evaluation only (never trained on): everyday "How can I …?" questions and requests.
    ...howToFamilies(),
    // v5, evaluation only: fresh harmful requests, and harmless ones sharing their risky words, in the same shapes.
    ...harmfulPairFamilies(),
    // v6, evaluation only: short chat turns after the first question (follow-ups, creative asks, help, remarks).
    ...chatFollowUpFamilies(),
    // v7: contact details on their own (bare addresses, signatures, records), for the injection and jailbreak heads.
    ...contactDetailFamilies(),
    // v8: everyday requests for help ("Can you help me with …?"), for the harmful_request head.
    ...chatRequestFamilies(),
    // v11, evaluation only: jailbreak templates in fresh wordings (a broader unseen-template measure).
    ...jailbreakTemplateFamilies(),
    // v12, evaluation only: session 14's blind sets, kept as regression sets for the weaknesses they measure.
    ...session14BlindSetFamilies(),
    // v13: retrieval-augmented prompts, clean and with one poisoned chunk, for the injection head (its line view).
    ...ragPromptFamilies(),
    // v14, evaluation only: the prompts apps build (framework templates, system prompts), written in session 17.
    ...appPromptFamilies(),
    // v15, evaluation only: system prompts as apps write them, clean and turned into a jailbreak or an injection.
    ...systemPromptFamilies(),
    // v16: model answers, benign ones sharing toxic text's words and insults aimed at the reader, for the toxicity head.
    ...answerToneFamilies(),
    // v17, evaluation only: session 22's blind sets of model answers.
    ...session22BlindSetFamilies(),
  ];
}

/** All rows per file, deduplicated by text (first occurrence wins), in generation order. */
export function generateOwnData(): Map<string, LabelledRow[]> {
  const random = createRandom(SEED);
  const files = new Map<string, LabelledRow[]>();
  const seen = new Set<string>();
  const add = (file: string, labels: ClassifierLabel[], text: string) => {
    if (seen.has(text)) return;
    seen.add(text);
    const rows = files.get(file) ?? [];
    files.set(file, rows);
    rows.push({ text, labels, direction: "input", source: `edgeguard/data:${file}` });
  };
  for (const family of families()) {
    for (let i = 0; i < family.count; i++) {
      const made = family.make(random);
      if (typeof made === "string") {
        add(family.file, family.labels, made.trim());
      } else if (family.twinFile) {
        add(family.file, family.labels, made.text.trim());
        add(family.twinFile, [], made.twin.trim());
      }
    }
  }
  return files;
}

function main(): void {
  for (const [file, rows] of generateOwnData()) {
    writeFileSync(join(OWN_DATA_DIR, file), rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
    console.log(`${file}: ${rows.length} rows`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
