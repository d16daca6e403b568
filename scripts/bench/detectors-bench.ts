// Measures each deterministic detector, the learned classifier and prepareScanInput itself in microseconds per KB on
// 1 KB, 10 KB and 100 KB inputs of mixed prose with some PII, secrets, markdown and code, and one text's screening as
// the gateway runs it in each direction (assessText: that direction's detectors and decision). Runnable alone:
// `npx tsx scripts/bench/detectors-bench.ts [--baseline DIR]`; `npm run bench` can import benchDetectors.
// With --baseline, DIR is another checkout (e.g. `git worktree add /tmp/old HEAD~1`, node_modules linked) whose
// detectors are measured in the same run, batch by batch alternating with this tree's, and printed side by side.
import { pathToFileURL } from "node:url";
import { DEFAULT_POLICY, policySchema } from "../../shared/policy/schema";
import { createClassifierDetector } from "../../shared/screening/classifiers/classifier-detector";
import { createDeterministicDetectors } from "../../shared/screening/detectors/deterministic-detectors";
import { assessText } from "../../shared/screening/engine/assess-text";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import type { Detector, ScanContext, ScanInput } from "../../shared/screening/types";
import { parseValid } from "../../shared/validation/validate";
import { timeIt, timePair } from "./best-cpu-time";

export interface Row {
  detector: string;
  sizeKb: number;
  usPerKb: number;
  /** The goal, on the row it applies to. */
  note?: string;
}

// The issue's goal is for the default detector set, and the default set includes the classifier.
const GOAL_ROW = "whole default set + classifier";

/** The code under test: this tree's by default, or another checkout's (--baseline). */
export interface BenchModules {
  createDeterministicDetectors: () => Detector[];
  prepareScanInput: (text: string) => ScanInput;
  /** The learned classifier detector (all four heads, as on input with the default policy). */
  createClassifierDetector: () => Detector;
  /** One text's screening up to the decision, as the gateway runs it. */
  assessText: typeof assessText;
}

const THIS_TREE: BenchModules = { createDeterministicDetectors, prepareScanInput, createClassifierDetector, assessText };

const PARAGRAPHS = [
  "Thanks for reaching out about your order. We shipped it on 2024-03-15 and it should arrive within 5-7 business days. ",
  "If you need anything else, email support@example.com or call +1 (415) 555-2671 between 9am and 5pm. ",
  "Here is the config you asked for: `api_key = \"q8Zt4Lm2Vx9Rb7Nc3Wd6\"` and the server lives at 10.20.30.40. ",
  "Version 4.2.1 fixed the crash; see ![chart](https://charts.example.net/c?w=300&h=200) for details. ",
  "The quick brown fox jumps over the lazy dog, and then the dog ignores the fox entirely, as dogs do. ",
  "Our policy: never share card numbers like 4111 1111 1111 1111 in chat, and never paste IBANs such as DE89370400440532013000. ",
  "function add(a, b) { return a + b; } // a tiny helper that adds two numbers together for the demo\n",
  "Les résultats sont disponibles en français, auf Deutsch und 日本語 also; emoji 👨‍👩‍👧 welcome. ",
];

const SYSTEM_PROMPT =
  "You are a helpful support agent for Acme. Reference ZX81qv7Lm02Kp9Tr. Never discuss internal escalation procedures.";

function mixedText(bytes: number): string {
  let text = "";
  for (let i = 0; text.length < bytes; i++) text += PARAGRAPHS[i % PARAGRAPHS.length];
  return text.slice(0, bytes);
}

function benchPolicy() {
  return parseValid(policySchema, {
    ...DEFAULT_POLICY,
    bannedTopics: { keywords: ["casino", "crypto trading", "acme rival"], patterns: ["\\bbet(?:ting)?\\s+odds\\b"] },
    canaryTokens: ["CANARY-7f3a9c2e41"],
    exfiltration: { allowHosts: ["*.acme.com"] },
  });
}

/** The timed cases of one size, as named closures over one implementation. */
function casesFor(modules: BenchModules, text: string): Array<{ name: string; run: () => void }> {
  const policy = benchPolicy();
  const detectors = modules.createDeterministicDetectors();
  const contextOf = (detector: Detector): ScanContext => ({
    direction: detector.directions.includes("input") ? "input" : "output",
    policy,
    systemPrompt: SYSTEM_PROMPT,
  });
  const contexts = detectors.map(contextOf);
  const classifier = modules.createClassifierDetector();
  const classifierContext: ScanContext = { direction: "input", policy };
  return [
    { name: "prepareScanInput", run: () => void modules.prepareScanInput(text) },
    { name: "normalised (lazy view)", run: () => void modules.prepareScanInput(text).normalised },
    // Each detector gets a fresh input, so its figure includes prepareScanInput, and the normalised view when it
    // reads it.
    ...detectors.map((detector, i) => ({ name: detector.id, run: () => void detector.scan(modules.prepareScanInput(text), contexts[i]) })),
    {
      name: "whole default set (one shared input)",
      run: () => {
        const input = modules.prepareScanInput(text);
        for (let i = 0; i < detectors.length; i++) detectors[i].scan(input, contexts[i]);
      },
    },
    { name: "classifier (four heads + line view)", run: () => void classifier.scan(modules.prepareScanInput(text), classifierContext) },
    {
      name: GOAL_ROW,
      run: () => {
        const input = modules.prepareScanInput(text);
        for (let i = 0; i < detectors.length; i++) detectors[i].scan(input, contexts[i]);
        classifier.scan(input, classifierContext);
      },
    },
    // What the gateway runs for one text: each direction's detectors only (the row above runs both directions' on one
    // text); the classifier scores the heads the policy acts on (on output, by default, toxicity alone).
    ...(["input", "output"] as const).map((direction) => ({
      name: `${direction} screening as the gateway runs it (assessText)`,
      run: () =>
        void modules.assessText({ input: modules.prepareScanInput(text), direction, policy, detectors: [...detectors, classifier], systemPrompt: SYSTEM_PROMPT }),
    })),
  ];
}

export async function benchDetectors(
  options: { sizesKb?: number[]; minMs?: number; modules?: BenchModules } = {},
): Promise<Row[]> {
  const { sizesKb = [1, 10, 100], minMs = 150, modules = THIS_TREE } = options;
  const rows: Row[] = [];
  for (const sizeKb of sizesKb) {
    for (const { name, run } of casesFor(modules, mixedText(sizeKb * 1024))) {
      const usPerKb = timeIt(run, minMs) / sizeKb;
      rows.push({ detector: name, sizeKb, usPerKb, ...(name === GOAL_ROW ? { note: "goal <= 50 µs/KB (the default set)" } : {}) });
    }
  }
  return rows;
}

/** Both implementations, each case measured batch by batch in turn (timePair) and printed side by side. */
async function benchSideBySide(options: { baseline: BenchModules; sizesKb: number[]; minMs: number }): Promise<void> {
  const current = THIS_TREE;
  const table = new Map<string, Map<number, { before: number; after: number }>>();
  for (const sizeKb of options.sizesKb) {
    const text = mixedText(sizeKb * 1024);
    const before = casesFor(options.baseline, text);
    const after = casesFor(current, text);
    for (let i = 0; i < after.length; i++) {
      const old = before.find((c) => c.name === after[i].name);
      const pair = old ? timePair(old.run, after[i].run, options.minMs) : { first: NaN, second: timeIt(after[i].run, options.minMs) };
      const cell = { before: pair.first / sizeKb, after: pair.second / sizeKb };
      if (!table.has(after[i].name)) table.set(after[i].name, new Map());
      table.get(after[i].name)!.set(sizeKb, cell);
    }
  }
  const head = options.sizesKb.map((s) => `${s} KB before → after`).join(" | ");
  console.log(`| µs/KB | ${head} |\n|---|${options.sizesKb.map(() => "---:").join("|")}|`);
  for (const [name, cells] of table) {
    const shown = options.sizesKb.map((s) => {
      const cell = cells.get(s)!;
      return `${cell.before.toFixed(1)} → ${cell.after.toFixed(1)}`;
    });
    console.log(`| ${name} | ${shown.join(" | ")} |`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const at = process.argv.indexOf("--baseline");
  if (at > 0) {
    const root = pathToFileURL(`${process.argv[at + 1]}/`).href;
    const detectorsModule = await import(new URL("shared/screening/detectors/deterministic-detectors.ts", root).href);
    const normaliseModule = await import(new URL("shared/screening/normalise/prepare-scan-input.ts", root).href);
    const classifierModule = await import(new URL("shared/screening/classifiers/classifier-detector.ts", root).href);
    const assessModule = await import(new URL("shared/screening/engine/assess-text.ts", root).href);
    await benchSideBySide({
      baseline: {
        createDeterministicDetectors: detectorsModule.createDeterministicDetectors,
        prepareScanInput: normaliseModule.prepareScanInput,
        createClassifierDetector: classifierModule.createClassifierDetector,
        assessText: assessModule.assessText,
      },
      sizesKb: [1, 10, 100],
      minMs: 300,
    });
  } else {
    const rows = await benchDetectors();
    const sizes = [...new Set(rows.map((r) => r.sizeKb))];
    console.log(`| detector | ${sizes.map((s) => `${s} KB (µs/KB)`).join(" | ")} |`);
    console.log(`|---|${sizes.map(() => "---:").join("|")}|`);
    for (const name of [...new Set(rows.map((r) => r.detector))]) {
      const cells = sizes.map((s) => rows.find((r) => r.detector === name && r.sizeKb === s)!.usPerKb.toFixed(1));
      console.log(`| ${name} | ${cells.join(" | ")} |`);
    }
  }
}
