// CI check: retrains the full model from corpus/train.jsonl + data/*.jsonl and compares the generated files byte for
// byte with the committed shared/screening/models/classifier-model.ts and classifier-weights.bin. Exit 1 on any
// difference. Run: `npx tsx scripts/train/verify-weights.ts` (about a minute on one idle core).
import { readFileSync } from "node:fs";
import { MODEL_MODULE_PATH, MODEL_WEIGHTS_PATH, trainShippedModel } from "./index";
import { renderModelFiles, sha256Hex } from "./model-writer";

const started = performance.now();
const expectedModule = readFileSync(MODEL_MODULE_PATH, "utf8");
const expectedWeights = readFileSync(MODEL_WEIGHTS_PATH);
const result = trainShippedModel();
const actual = renderModelFiles(result.model);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (actual.module === expectedModule && expectedWeights.equals(actual.weights)) {
  console.log(`classifier weights verified: retrain reproduces ${MODEL_MODULE_PATH} and ${MODEL_WEIGHTS_PATH} exactly (${seconds} s)`);
} else {
  const differing = [
    ...(actual.module === expectedModule ? [] : [MODEL_MODULE_PATH]),
    ...(expectedWeights.equals(actual.weights) ? [] : [`${MODEL_WEIGHTS_PATH} (committed sha256 ${sha256Hex(expectedWeights)}, retrained ${sha256Hex(actual.weights)})`]),
  ];
  console.error(`a fresh retrain (${seconds} s) differs from ${differing.join(" and ")}. Run \`npm run train\` and commit the result.`);
  process.exit(1);
}
