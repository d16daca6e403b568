// Builds the red-team suites: the built-in one (team templates × attacker mutations × translations, PII/secret
// values, benign texts) and mutated variants of user-supplied attacks. Everything random comes from the seed.
import type { Category } from "../shared/screening/types";
import type { RedteamCase } from "./case";
import { MUTATIONS, mutatePayload, type Mutation } from "./mutations";
import { OBFUSCATION_MUTATIONS } from "./mutations/obfuscation";
import { randomFor, sample } from "./seeded-random";
import { HARMFUL_REQUEST_PAYLOADS, JAILBREAK_PAYLOADS, PROMPT_INJECTION_PAYLOADS, TOXIC_OUTPUTS } from "./templates/attack-payloads";
import { BENIGN_OTHER_LANGUAGES, BENIGN_OUTPUTS, HARD_NEGATIVES, ORDINARY_QUESTIONS, RAG_PROMPTS } from "./templates/benign";
import { piiTexts, secretTexts } from "./templates/sensitive-data";
import { LANGUAGES, TRANSLATED_PAYLOADS } from "./templates/translations";

export const DEFAULT_SEED = 7;

export interface BuiltinSuiteOptions {
  seed?: number;
  /** How many payloads of each attack category each mutation is applied to. */
  perTechnique?: number;
  /** Generated PII and secret cases, each. */
  sensitiveCount?: number;
}

const SHORT: Partial<Record<Category, string>> = {
  prompt_injection: "pi", jailbreak: "jb", harmful_request: "hr", toxicity: "tox", pii: "pii", secret: "sec",
};

/** Indirect injection hides instructions in data; a harmful *request* inside a tool result is not a realistic attack. */
const MUTATED_CATEGORIES: ReadonlyArray<{ category: Category; payloads: readonly string[]; mutations: readonly Mutation[] }> = [
  { category: "prompt_injection", payloads: PROMPT_INJECTION_PAYLOADS, mutations: MUTATIONS },
  { category: "jailbreak", payloads: JAILBREAK_PAYLOADS, mutations: MUTATIONS },
  { category: "harmful_request", payloads: HARMFUL_REQUEST_PAYLOADS, mutations: MUTATIONS.filter((m) => m.family !== "indirect") },
];

const pad = (n: number) => String(n).padStart(2, "0");

function attackCases(seed: number, perTechnique: number): RedteamCase[] {
  const cases: RedteamCase[] = [];
  for (const { category, payloads, mutations } of MUTATED_CATEGORIES) {
    const short = SHORT[category];
    payloads.forEach((text, i) => cases.push({ id: `${short}-plain-${pad(i)}`, text, category, direction: "input", technique: "plain" }));
    for (const mutation of mutations) {
      const random = randomFor({ seed, label: `${category}/${mutation.id}` });
      const chosen = sample(payloads.map((payload, index) => ({ payload, index })), perTechnique, random);
      for (const { payload, index } of chosen) {
        cases.push({ id: `${short}-${mutation.id}-${pad(index)}`, text: mutation.apply({ payload, random }), category, direction: "input", technique: mutation.id });
      }
    }
  }
  TRANSLATED_PAYLOADS.forEach((entry, i) => {
    for (const language of LANGUAGES) {
      cases.push({ id: `${SHORT[entry.category]}-lang_${language}-t${pad(i)}`, text: entry.texts[language], category: entry.category, direction: "input", technique: `lang_${language}` });
    }
  });
  return cases;
}

function toxicityCases(seed: number): RedteamCase[] {
  const cases: RedteamCase[] = [];
  TOXIC_OUTPUTS.forEach((text, i) => {
    cases.push({ id: `tox-plain-${pad(i)}`, text, category: "toxicity", direction: "output", technique: "plain" });
    const [variant] = mutatePayload({ payload: text, seed, label: `toxicity/${i}`, count: 1, mutations: OBFUSCATION_MUTATIONS });
    cases.push({ id: `tox-${variant.technique}-${pad(i)}`, text: variant.text, category: "toxicity", direction: "output", technique: variant.technique });
  });
  return cases;
}

function sensitiveCases(seed: number, count: number): RedteamCase[] {
  const pii = piiTexts({ count, random: randomFor({ seed, label: "pii" }) });
  const secrets = secretTexts({ count, random: randomFor({ seed, label: "secret" }) });
  return [
    ...pii.map(({ text }, i): RedteamCase => ({ id: `pii-generated-${pad(i)}`, text, category: "pii", direction: "input", technique: "generated" })),
    ...secrets.map(({ text }, i): RedteamCase => ({ id: `sec-generated-${pad(i)}`, text, category: "secret", direction: "input", technique: "generated" })),
  ];
}

function benignCases(): RedteamCase[] {
  const group = (texts: readonly string[], technique: string, direction: "input" | "output") =>
    texts.map((text, i): RedteamCase => ({ id: `benign-${technique}-${pad(i)}`, text, category: null, direction, technique }));
  return [
    ...group(ORDINARY_QUESTIONS, "ordinary", "input"),
    ...group(HARD_NEGATIVES, "hard_negative", "input"),
    ...group(BENIGN_OUTPUTS, "answer", "output"),
    ...group(BENIGN_OTHER_LANGUAGES, "other_language", "input"),
    ...group(RAG_PROMPTS, "rag_prompt", "input"),
  ];
}

/** The built-in suite for a seed: a few hundred cases, identical for the same seed and options. */
export function buildBuiltinSuite(options: BuiltinSuiteOptions = {}): RedteamCase[] {
  const seed = options.seed ?? DEFAULT_SEED;
  return [...attackCases(seed, options.perTechnique ?? 3), ...toxicityCases(seed), ...sensitiveCases(seed, options.sensitiveCount ?? 16), ...benignCases()];
}

/**
 * `--mutate`: every user attack is kept and joined by `variants` mutated copies (one per distinct mutation; all of
 * them by default). Benign lines pass through unchanged, so the file's own false-positive checks still run.
 */
export function mutateUserCases(options: { cases: readonly RedteamCase[]; seed: number; variants?: number }): RedteamCase[] {
  const out: RedteamCase[] = [];
  for (const original of options.cases) {
    out.push(original);
    if (original.category === null) continue;
    const variants = mutatePayload({ payload: original.text, seed: options.seed, label: `user/${original.id}`, count: options.variants });
    for (const variant of variants) out.push({ ...original, id: `${original.id}~${variant.technique}`, text: variant.text, technique: variant.technique });
  }
  return out;
}
