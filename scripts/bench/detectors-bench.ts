// Measures each deterministic detector (and prepareScanInput itself) in microseconds per KB on 1 KB, 10 KB and
// 100 KB inputs of mixed prose with some PII, secrets, markdown and code. Runnable alone:
// `npx tsx scripts/bench/detectors-bench.ts`; `npm run bench` can import benchDetectors.
import { pathToFileURL } from "node:url";
import { DEFAULT_POLICY, policySchema } from "../../shared/policy/schema";
import { createDeterministicDetectors } from "../../shared/screening/detectors/deterministic-detectors";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import type { Detector, ScanContext } from "../../shared/screening/types";

export interface Row {
  detector: string;
  sizeKb: number;
  usPerKb: number;
}

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

function mixedText(bytes: number): string {
  let text = "";
  for (let i = 0; text.length < bytes; i++) text += PARAGRAPHS[i % PARAGRAPHS.length];
  return text.slice(0, bytes);
}

/** CPU microseconds per run (process CPU time, so other processes on a shared machine distort it less). */
function timeIt(run: () => void, minMs = 150): number {
  for (let i = 0; i < 3; i++) run(); // warm-up (JIT, regex compilation, policy caches)
  let iterations = 0;
  const started = process.cpuUsage();
  let elapsedUs = 0;
  while (elapsedUs < minMs * 1000) {
    run();
    iterations++;
    const used = process.cpuUsage(started);
    elapsedUs = used.user + used.system;
  }
  return elapsedUs / iterations;
}

export async function benchDetectors(options: { sizesKb?: number[]; minMs?: number } = {}): Promise<Row[]> {
  const { sizesKb = [1, 10, 100], minMs = 150 } = options;
  const policy = policySchema.parse({
    ...DEFAULT_POLICY,
    bannedTopics: { keywords: ["casino", "crypto trading", "acme rival"], patterns: ["\\bbet(?:ting)?\\s+odds\\b"] },
    canaryTokens: ["CANARY-7f3a9c2e41"],
    exfiltration: { allowHosts: ["*.acme.com"] },
  });
  const detectors: Detector[] = createDeterministicDetectors();
  const rows: Row[] = [];
  for (const sizeKb of sizesKb) {
    const text = mixedText(sizeKb * 1024);
    const context = (detector: Detector): ScanContext => ({
      direction: detector.directions.includes("input") ? "input" : "output",
      policy,
      systemPrompt: "You are a helpful support agent for Acme. Reference ZX81qv7Lm02Kp9Tr. Never discuss internal escalation procedures.",
    });
    rows.push({ detector: "prepareScanInput", sizeKb, usPerKb: timeIt(() => void prepareScanInput(text), minMs) / sizeKb });
    rows.push({ detector: "normalised (lazy view)", sizeKb, usPerKb: timeIt(() => void prepareScanInput(text).normalised, minMs) / sizeKb });
    // Each detector gets a fresh input, so its figure includes the normalised view when it reads it.
    for (const detector of detectors) {
      const ctx = context(detector);
      const us = timeIt(() => void detector.scan(prepareScanInput(text), ctx), minMs);
      rows.push({ detector: detector.id, sizeKb, usPerKb: us / sizeKb });
    }
    const all = timeIt(() => {
      const input = prepareScanInput(text);
      for (const detector of detectors) detector.scan(input, context(detector));
    }, minMs);
    rows.push({ detector: "whole default set (one shared input)", sizeKb, usPerKb: all / sizeKb });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await benchDetectors();
  const sizes = [...new Set(rows.map((r) => r.sizeKb))];
  console.log(`| detector | ${sizes.map((s) => `${s} KB (µs/KB)`).join(" | ")} |`);
  console.log(`|---|${sizes.map(() => "---:").join("|")}|`);
  for (const name of [...new Set(rows.map((r) => r.detector))]) {
    const cells = sizes.map((s) => rows.find((r) => r.detector === name && r.sizeKb === s)!.usPerKb.toFixed(1));
    console.log(`| ${name} | ${cells.join(" | ")} |`);
  }
}
