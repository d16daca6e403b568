// One text's screening as the gateway runs it (assessText, default policy, each direction's detectors) on the corpus
// test split's texts: real prompts and answers, most of them short, so per-text costs weigh as in real traffic (the
// detectors bench's synthetic 1-100 KB prose hides them). `npm run bench` prints the rows; run alone with
// `--baseline DIR` (another checkout, node_modules linked) to measure both trees pass by pass in turn.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CORPUS_DIR, readJsonl, REPO_ROOT } from "../train/training-rows";
import { timeIt, timePair } from "./best-cpu-time";

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

/** `minMs`: CPU time each case is timed for (a pass over every test text takes ~0.2 s), warm-up aside. */
export async function benchScreeningCorpus(options: { limit?: number; minMs?: number } = {}): Promise<ScreeningCorpusRow[]> {
  const texts = corpusTexts(options.limit);
  const kb = texts.reduce((sum, text) => sum + text.length, 0) / 1024;
  const modules = await loadTree(REPO_ROOT);
  return passesOf(modules, texts).map(({ name, pass }) => {
    const us = timeIt(pass, options.minMs ?? 1_000);
    return { measure: `${name}: µs per text`, texts: texts.length, usPerText: us / texts.length, note: `${(us / kb).toFixed(1)} µs/KB` };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const at = process.argv.indexOf("--baseline");
  if (at < 0) {
    for (const row of await benchScreeningCorpus()) console.log(`| ${row.measure} | ${row.usPerText.toFixed(2)} | ${row.note} |`);
  } else {
    const baseline = process.argv[at + 1];
    const texts = corpusTexts();
    const kb = texts.reduce((sum, text) => sum + text.length, 0) / 1024;
    const [before, after] = await Promise.all([baseline, REPO_ROOT].map(async (tree) => passesOf(await loadTree(tree), texts)));
    const cell = (us: number) => `${(us / texts.length).toFixed(2)} (${(us / kb).toFixed(1)})`;
    console.log(`corpus test texts: ${texts.length}, mean ${Math.round((kb * 1024) / texts.length)} characters`);
    console.log(`| µs per text (µs/KB) | ${baseline} | this tree |\n|---|---:|---:|`);
    after.forEach(({ name, pass }, index) => {
      const pair = timePair(before[index].pass, pass, 1_500);
      console.log(`| ${name} | ${cell(pair.first)} | ${cell(pair.second)} |`);
    });
  }
}
