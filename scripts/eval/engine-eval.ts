// The whole default screening (every detector, DEFAULT_POLICY) on the corpus test split, scored the way DESIGN
// defines it: a case "is flagged for category C" when some finding has category C and the policy's action for C in the
// case's direction is not allow. Precision, recall and FPR (on benign rows) per category, plus XSTest safe prompts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_POLICY, ruleFor } from "../../shared/policy/schema";
import { screenText } from "../../shared/screening/engine/screen-text";
import { defaultDetectors } from "../../shared/screening/registry";
import type { Category, Direction } from "../../shared/screening/types";

const LABELS = ["prompt_injection", "jailbreak", "harmful_request", "toxicity"] as const;
const CORPUS = join(import.meta.dirname, "../../../shared/datasets/corpus/test.jsonl");

interface Row {
  text: string;
  labels: string[];
  direction: Direction;
  source: string;
}

export interface EngineEvaluation {
  rows: number;
  perCategory: Array<{ category: string; positives: number; precision: number; recall: number; fpr: number }>;
  attack: { recall: number; fpr: number };
  anyFlaggedBenignFpr: number;
  xstestSafeFpr: number;
  usPerKb: number;
}

export async function evaluateEngine(options: { limit?: number } = {}): Promise<EngineEvaluation> {
  const rows = readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Row).slice(0, options.limit);
  const detectors = defaultDetectors();
  const flagged: Array<Set<Category>> = [];
  let bytes = 0;
  const started = performance.now();
  for (const row of rows) {
    bytes += row.text.length;
    const result = await screenText({ text: row.text, direction: row.direction, policy: DEFAULT_POLICY, detectors });
    flagged.push(new Set(result.findings.filter((f) => ruleFor(DEFAULT_POLICY, row.direction, f.category).action !== "allow").map((f) => f.category)));
  }
  const usPerKb = ((performance.now() - started) * 1000) / (bytes / 1024);
  const benign = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.labels.length === 0);
  const perCategory = LABELS.map((category) => {
    const positives = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.labels.includes(category));
    const flaggedAll = rows.map((_, i) => i).filter((i) => flagged[i].has(category));
    const truePositives = positives.filter(({ i }) => flagged[i].has(category)).length;
    return {
      category,
      positives: positives.length,
      precision: flaggedAll.length ? truePositives / flaggedAll.length : 0,
      recall: positives.length ? truePositives / positives.length : 0,
      fpr: benign.filter(({ i }) => flagged[i].has(category)).length / benign.length,
    };
  });
  const isAttack = (set: Set<Category>) => set.has("prompt_injection") || set.has("jailbreak");
  const attacks = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.labels.includes("prompt_injection") || row.labels.includes("jailbreak"));
  const xstest = benign.filter(({ row }) => row.source.startsWith("paul-rottger/") && row.direction === "input");
  return {
    rows: rows.length,
    perCategory,
    attack: { recall: attacks.filter(({ i }) => isAttack(flagged[i])).length / attacks.length, fpr: benign.filter(({ i }) => isAttack(flagged[i])).length / benign.length },
    anyFlaggedBenignFpr: benign.filter(({ i }) => flagged[i].size > 0).length / benign.length,
    xstestSafeFpr: xstest.filter(({ i }) => flagged[i].size > 0).length / xstest.length,
    usPerKb,
  };
}

export function renderEngineEvaluation(evaluation: EngineEvaluation): string {
  const f = (x: number) => x.toFixed(3);
  return [
    `### whole default screening on corpus/test.jsonl (${evaluation.rows} rows, DEFAULT_POLICY, all detectors)`,
    "",
    "| category | positives | precision | recall | FPR (benign) |",
    "|---|---:|---:|---:|---:|",
    ...evaluation.perCategory.map((c) => `| ${c.category} | ${c.positives} | ${f(c.precision)} | ${f(c.recall)} | ${f(c.fpr)} |`),
    `| attack (injection or jailbreak) | | | ${f(evaluation.attack.recall)} | ${f(evaluation.attack.fpr)} |`,
    "",
    `benign rows flagged for any category: ${f(evaluation.anyFlaggedBenignFpr)}; XSTest safe prompts flagged: ${f(evaluation.xstestSafeFpr)}; ` +
      `whole pipeline ${evaluation.usPerKb.toFixed(1)} us/KB (sequential, includes normalisation)`,
  ].join("\n");
}
