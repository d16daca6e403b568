// `npm run eval`: every quality figure in one run — the whole default screening per category on the corpus test
// split (reporting only: nothing here trains or tunes), the learned classifier alone, the PII/secret span metrics
// on generated and presidio cases, model answers resent as history (policy.resentAnswers), and answers streamed in
// token deltas (stream windows scored as fragments).
import { evaluateClassifier, renderEvaluation } from "./classifier-eval";
import { evaluateEngine, renderEngineEvaluation } from "./engine-eval";
import { piiSecretReport, renderPiiSecretReport } from "./pii-secret-report";
import { evaluateResentAnswers, renderResentAnswersEvaluation } from "./resent-answers-eval";
import { evaluateStreamedAnswers, renderStreamedAnswersEvaluation } from "./streamed-answers-eval";

console.log("# edgeguard eval\n");
console.log(renderEngineEvaluation(await evaluateEngine()));
console.log("\n## learned classifier alone\n");
console.log(renderEvaluation(evaluateClassifier()));
console.log(renderPiiSecretReport(await piiSecretReport()));
console.log("\n## answers resent as history\n");
console.log(renderResentAnswersEvaluation(await evaluateResentAnswers()));
console.log("\n## streamed answers\n");
console.log(renderStreamedAnswersEvaluation(await evaluateStreamedAnswers()));
