// One text's screening as the gateway runs it (assessText, default policy, each direction's detectors) on the corpus
// test split's texts: real prompts and answers, most of them short, so per-text costs weigh as in real traffic (the
// detectors bench's synthetic 1-100 KB prose hides them). `npm run bench` prints the rows; run alone with
// `--baseline DIR` (another checkout, node_modules linked) to measure both trees pass by pass in turn.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CORPUS_DIR, readJsonl, REPO_ROOT } from "../train/training-rows";

/** What is timed, from one tree: its own default policy, detectors, normaliser and assessText. */
interface ScreeningModules {
  prepareScanInput: (text: string) => unknown;
  assessText: (options: Record<string, unknown>) => unknown;
  defaultDetectors: () => ReadonlyArray<{ id: string; directions: readonly string[]; scan: (input: unknown, context: unknown) => unknown }>;
  policy: unknown;
}

async function loadTree(root: string): Promise<ScreeningModules> {
  const at = (path: string) => import(new URL(path, pathToFileURL(`${root}/`)).href);
  const [normalise, assess, registry, schema] = await Promise.all([
    at("shared/screening/normalise/prepare-scan-input.ts"),
    at("shared/screening/engine/assess-text.ts"),
    at("shared/screening/registry.ts"),
    at("shared/policy/schema.ts"),
  ]);
  return { prepareScanInput: normalise.prepareScanInput, assessText: assess.assessText, defaultDetectors: registry.defaultDetectors, policy: schema.DEFAULT_POLICY };
}

/** The timed passes of one tree: each screens every text once. */
function passesOf(modules: ScreeningModules, texts: readonly string[]): Array<{ name: string; pass: () => void }> {
  const detectors = modules.defaultDetectors();
  const rules = detectors.filter((detector) => detector.id === "injection_heuristics");
  const context = { direction: "input", policy: modules.policy };
  return [
    ...(["input", "output"] as const).map((direction) => ({
      name: `${direction} screening as the gateway runs it (assessText), corpus test texts`,
      pass: () => {
        for (const text of texts) modules.assessText({ input: modules.prepareScanInput(text), direction, policy: modules.policy, detectors });
      },
    })),
    {
      name: "injection_heuristics alone (normalised view included), corpus test texts",
      pass: () => {
        for (const text of texts) for (const detector of rules) detector.scan(modules.prepareScanInput(text), context);
      },
    },
  ];
}

/** CPU µs of one call of `pass`. */
function cpuUs(pass: () => void): number {
  const before = process.cpuUsage();
  pass();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** The fastest of `passes` alternating passes of each tree's case: a busy stretch of the machine hits all alike. */
function fastest(options: { cases: Array<() => void>; passes: number }): number[] {
  const best = options.cases.map(() => Infinity);
  for (const pass of options.cases) pass(); // warm-up
  for (let round = 0; round < options.passes; round++) {
    options.cases.forEach((pass, k) => {
      best[k] = Math.min(best[k], cpuUs(pass));
    });
  }
  return best;
}

function corpusTexts(limit?: number): string[] {
  return readJsonl(join(CORPUS_DIR, "test.jsonl")).slice(0, limit).map((row) => row.text);
}

/** Fields in the bench table's column order: measure, texts, µs per text, note (µs/KB). */
export interface ScreeningCorpusRow {
  measure: string;
  texts: number;
  usPerText: number;
  note: string;
}

export async function benchScreeningCorpus(options: { limit?: number; passes?: number } = {}): Promise<ScreeningCorpusRow[]> {
  const texts = corpusTexts(options.limit);
  const kb = texts.reduce((sum, text) => sum + text.length, 0) / 1024;
  const modules = await loadTree(REPO_ROOT);
  return passesOf(modules, texts).map(({ name, pass }) => {
    const [us] = fastest({ cases: [pass], passes: options.passes ?? 5 });
    return { measure: `${name}: µs per text`, texts: texts.length, usPerText: us / texts.length, note: `${(us / kb).toFixed(1)} µs/KB` };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const at = process.argv.indexOf("--baseline");
  const trees = [...(at > 0 ? [process.argv[at + 1]] : []), REPO_ROOT];
  const texts = corpusTexts();
  const kb = texts.reduce((sum, text) => sum + text.length, 0) / 1024;
  const perTree = await Promise.all(trees.map(async (tree) => passesOf(await loadTree(tree), texts)));
  console.log(`corpus test texts: ${texts.length}, mean ${Math.round((kb * 1024) / texts.length)} characters`);
  console.log(`| µs per text (µs/KB) | ${trees.map((tree) => (tree === REPO_ROOT ? "this tree" : tree)).join(" | ")} |`);
  console.log(`|---|${trees.map(() => "---:").join("|")}|`);
  perTree[0].forEach(({ name }, index) => {
    const us = fastest({ cases: perTree.map((cases) => cases[index].pass), passes: 7 });
    console.log(`| ${name} | ${us.map((u) => `${(u / texts.length).toFixed(2)} (${(u / kb).toFixed(1)})`).join(" | ")} |`);
  });
}
