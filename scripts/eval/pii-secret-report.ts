// Scores the pii and secret detectors on the labelled cases (synthetic + presidio) and prints per-type tables.
// Runnable alone (`npx tsx scripts/eval/pii-secret-report.ts`); `npm run eval` can import piiSecretReport.
import { pathToFileURL } from "node:url";
import { createPiiDetector } from "../../shared/screening/detectors/pii";
import { createSecretDetector } from "../../shared/screening/detectors/secret";
import { PII_SPAN_TYPES, SECRET_SPAN_TYPES } from "../../shared/screening/types";
import { generatePiiSecretCases, loadPresidioCases } from "./pii-secret-cases";
import { evaluateSpans, spanMetricsTable, type SpanEvaluation } from "./span-metrics";

export interface PiiSecretReport {
  synthetic: { pii: SpanEvaluation; secret: SpanEvaluation };
  presidio: { pii: SpanEvaluation };
}

export async function piiSecretReport(): Promise<PiiSecretReport> {
  const synthetic = generatePiiSecretCases();
  const presidio = loadPresidioCases();
  const pii = createPiiDetector();
  const secret = createSecretDetector();
  return {
    synthetic: {
      pii: await evaluateSpans(pii, synthetic, { types: PII_SPAN_TYPES }),
      secret: await evaluateSpans(secret, synthetic, { types: SECRET_SPAN_TYPES }),
    },
    presidio: { pii: await evaluateSpans(pii, presidio, { types: PII_SPAN_TYPES }) },
  };
}

/** The three span tables as markdown, each headed with how many negative cases were wrongly flagged. */
export function renderPiiSecretReport(report: PiiSecretReport): string {
  const sections = [
    ["synthetic / pii", report.synthetic.pii],
    ["synthetic / secret", report.synthetic.secret],
    ["presidio / pii", report.presidio.pii],
  ] as const;
  return sections
    .map(([name, evaluation]) => `\n## ${name} spans (negative cases flagged: ${evaluation.negativeCasesFlagged}/${evaluation.negativeCases})\n\n${spanMetricsTable(evaluation)}`)
    .join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(renderPiiSecretReport(await piiSecretReport()));
}
