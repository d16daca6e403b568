// Tries a few training settings and prints validation figures for each (validation split of train only; the test
// split is never read). Usage: `nice npx tsx scripts/train/hyperparameter-sweep.ts '<json array of TrainOptions parts>'`.
import { validationTable, windowSummary } from "./index";
import { trainModel, type TrainOptions } from "./train-model";
import { readBipiaTrainAttacks, readTrainingRows } from "./training-rows";

const variants = JSON.parse(process.argv[2] ?? "[{}]") as Partial<TrainOptions>[];
const rows = readTrainingRows();
for (const variant of variants) {
  const started = performance.now();
  // The window head is on unless a variant says `"window": false` (or sets its own window options).
  const window = variant.window === false ? false : { bipiaAttacks: readBipiaTrainAttacks(), ...(variant.window || {}) };
  const result = trainModel({ ...variant, window, rows });
  console.log(`\n${JSON.stringify(variant)}  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.log(validationTable(result.validation));
  console.log(windowSummary(result.window));
}
