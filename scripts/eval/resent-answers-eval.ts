// Answers resent as history (policy.resentAnswers), on the corpus test split (reporting only): each benign model
// answer as the assistant turn of a chat's second request, blocked or not when the gateway never delivered it, once it
// did, and under "screen"; and each attack text (injection, jailbreak, harmful request) as a fabricated assistant turn
// the gateway never delivered, which must stay blocked as often as it is from a user, and as one it did deliver (a
// model made to write it, by decoding it, say): blocked then only where a pattern detector finds the attack.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_POLICY, type Policy } from "../../shared/policy/schema";
import { REQUEST_CATEGORIES } from "../../shared/policy/instruction-roles";
import { createDeliveredAnswers } from "../../shared/screening/delivered-answers/delivered-answers";
import { screenParts } from "../../shared/screening/engine/screen-parts";
import { extractOpenAIChat } from "../../shared/screening/extract/openai-chat";
import { defaultDetectors } from "../../shared/screening/registry";
import type { Direction } from "../../shared/screening/types";

const CORPUS = join(import.meta.dirname, "../../../shared/datasets/corpus/test.jsonl");
const TENANT = "eval";

interface Row {
  text: string;
  labels: string[];
  direction: Direction;
}

export interface ResentAnswersEvaluation {
  benignAnswers: number;
  blockedNeverDelivered: number;
  blockedOnceDelivered: number;
  blockedUnderScreen: number;
  attacks: number;
  attacksBlockedAsUser: number;
  attacksBlockedAsFabricatedAnswer: number;
  attacksBlockedOnceDelivered: number;
}

export async function evaluateResentAnswers(options: { limit?: number } = {}): Promise<ResentAnswersEvaluation> {
  const rows = readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Row);
  const answers = rows.filter((row) => row.direction === "output" && row.labels.length === 0).slice(0, options.limit);
  const attacks = rows.filter((row) => row.direction === "input" && row.labels.some((label) => REQUEST_CATEGORIES.includes(label as never))).slice(0, options.limit);
  const detectors = defaultDetectors();
  const store = createDeliveredAnswers();
  const blocked = async (options: { text: string; role: "user" | "assistant"; policy?: Policy }) => {
    const messages = [{ role: "user", content: "Tell me more about that." }, { role: options.role, content: options.text }, { role: "user", content: "Thanks, go on." }];
    const { parts } = extractOpenAIChat({ body: { model: "eval", messages }, scanRoles: DEFAULT_POLICY.scanRoles });
    const result = await screenParts({ parts, direction: "input", policy: options.policy ?? DEFAULT_POLICY, detectors, resentAnswers: { store, tenant: TENANT } });
    return result.action === "block";
  };
  const evaluation: ResentAnswersEvaluation = {
    benignAnswers: answers.length,
    blockedNeverDelivered: 0,
    blockedOnceDelivered: 0,
    blockedUnderScreen: 0,
    attacks: attacks.length,
    attacksBlockedAsUser: 0,
    attacksBlockedAsFabricatedAnswer: 0,
    attacksBlockedOnceDelivered: 0,
  };
  // Attacks first, while the store knows nothing: a fabricated history is never an answer the gateway delivered.
  for (const { text } of attacks) {
    if (await blocked({ text, role: "user" })) evaluation.attacksBlockedAsUser++;
    if (await blocked({ text, role: "assistant" })) evaluation.attacksBlockedAsFabricatedAnswer++;
  }
  for (const { text } of attacks) {
    await store.remember({ tenant: TENANT, texts: [text] });
    if (await blocked({ text, role: "assistant" })) evaluation.attacksBlockedOnceDelivered++;
  }
  for (const { text } of answers) {
    if (await blocked({ text, role: "assistant" })) evaluation.blockedNeverDelivered++;
    await store.remember({ tenant: TENANT, texts: [text] });
    if (await blocked({ text, role: "assistant" })) evaluation.blockedOnceDelivered++;
    if (await blocked({ text, role: "assistant", policy: { ...DEFAULT_POLICY, resentAnswers: "screen" } })) evaluation.blockedUnderScreen++;
  }
  return evaluation;
}

export function renderResentAnswersEvaluation(evaluation: ResentAnswersEvaluation): string {
  const share = (count: number, of: number) => `${count} / ${of} (${((100 * count) / Math.max(1, of)).toFixed(1)}%)`;
  return [
    "| resent as history (corpus test split) | blocked |",
    "|---|---:|",
    `| benign model answer, never delivered | ${share(evaluation.blockedNeverDelivered, evaluation.benignAnswers)} |`,
    `| benign model answer, delivered (resentAnswers "delivered", default) | ${share(evaluation.blockedOnceDelivered, evaluation.benignAnswers)} |`,
    `| benign model answer, delivered, resentAnswers "screen" | ${share(evaluation.blockedUnderScreen, evaluation.benignAnswers)} |`,
    `| attack text as a user turn | ${share(evaluation.attacksBlockedAsUser, evaluation.attacks)} |`,
    `| attack text as a fabricated assistant turn | ${share(evaluation.attacksBlockedAsFabricatedAnswer, evaluation.attacks)} |`,
    `| attack text the gateway delivered (a model made to write it), resent as an assistant turn | ${share(evaluation.attacksBlockedOnceDelivered, evaluation.attacks)} |`,
  ].join("\n");
}
