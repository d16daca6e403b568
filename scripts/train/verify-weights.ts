// CI check: retrains the full model from corpus/train.jsonl + data/*.jsonl and compares the generated module byte for
// byte with the committed shared/screening/models/classifier-model.ts. Exit 1 on any difference.
// Run: `npx tsx scripts/train/verify-weights.ts` (about a minute on one idle core).
import { readFileSync } from "node:fs";
import { MODEL_MODULE_PATH, trainShippedModel } from "./index";
import { renderModelModule } from "./model-writer";

const started = performance.now();
const expected = readFileSync(MODEL_MODULE_PATH, "utf8");
const result = trainShippedModel();
const actual = renderModelModule(result.model);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (actual === expected) {
  console.log(`classifier weights verified: retrain reproduces ${MODEL_MODULE_PATH} exactly (${seconds} s)`);
} else {
  const committedSha = /"weightsSha256": "([0-9a-f]+)"/.exec(expected)?.[1];
  console.error(
    `classifier weights differ from a fresh retrain (${seconds} s): committed weights ${committedSha}, ` +
      `retrained ${result.model.weightsSha256}. Run \`npm run train\` and commit the result.`,
  );
  process.exit(1);
}
