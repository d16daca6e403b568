// `npm run eval`: every quality figure in one run — the whole default screening per category on the corpus test
// split (reporting only: nothing here trains or tunes), the learned classifier alone, and the PII/secret span metrics
// on generated and presidio cases.
import { evaluateClassifier, renderEvaluation } from "./classifier-eval";
import { evaluateEngine, renderEngineEvaluation } from "./engine-eval";
import { piiSecretReport } from "./pii-secret-report";
import { spanMetricsTable } from "./span-metrics";

console.log("# edgeguard eval\n");
console.log(renderEngineEvaluation(await evaluateEngine()));
console.log("\n## learned classifier alone\n");
console.log(renderEvaluation(evaluateClassifier()));
const spans = await piiSecretReport();
for (const [name, evaluation] of [
  ["synthetic / pii", spans.synthetic.pii],
  ["synthetic / secret", spans.synthetic.secret],
  ["presidio / pii", spans.presidio.pii],
] as const) {
  console.log(`\n## ${name} spans (negative cases flagged: ${evaluation.negativeCasesFlagged}/${evaluation.negativeCases})\n`);
  console.log(spanMetricsTable(evaluation));
}
