// `npm run eval`: every quality figure in one run — the whole default screening per category on the corpus test
// split (reporting only: nothing here trains or tunes), the learned classifier alone, and the PII/secret span metrics
// on generated and presidio cases.
import { evaluateClassifier, renderEvaluation } from "./classifier-eval";
import { evaluateEngine, renderEngineEvaluation } from "./engine-eval";
import { piiSecretReport, renderPiiSecretReport } from "./pii-secret-report";

console.log("# edgeguard eval\n");
console.log(renderEngineEvaluation(await evaluateEngine()));
console.log("\n## learned classifier alone\n");
console.log(renderEvaluation(evaluateClassifier()));
console.log(renderPiiSecretReport(await piiSecretReport()));
