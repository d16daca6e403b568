// `npm run eval`: every quality figure in one run — the whole default screening per category on the corpus test
// split (reporting only: nothing here trains or tunes), the learned classifier alone, the PII/secret span metrics
// on generated and presidio cases, and model answers resent as history (policy.resentAnswers).
import { evaluateClassifier, renderEvaluation } from "./classifier-eval";
import { evaluateEngine, renderEngineEvaluation } from "./engine-eval";
import { piiSecretReport, renderPiiSecretReport } from "./pii-secret-report";
import { evaluateResentAnswers, renderResentAnswersEvaluation } from "./resent-answers-eval";

console.log("# edgeguard eval\n");
console.log(renderEngineEvaluation(await evaluateEngine()));
console.log("\n## learned classifier alone\n");
console.log(renderEvaluation(evaluateClassifier()));
console.log(renderPiiSecretReport(await piiSecretReport()));
console.log("\n## answers resent as history\n");
console.log(renderResentAnswersEvaluation(await evaluateResentAnswers()));
