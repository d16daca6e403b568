// Tries a few training settings and prints validation figures for each (validation split of train only; the test
// split is never read). Usage: `nice npx tsx scripts/train/hyperparameter-sweep.ts '<json array of TrainOptions parts>'`.
import { lineSummary, validationTable } from "./index";
import { trainModel, type TrainOptions } from "./train-model";
import { readBipiaTrainAttacks, readTrainingRows } from "./training-rows";

const variants = JSON.parse(process.argv[2] ?? "[{}]") as Partial<TrainOptions>[];
const rows = readTrainingRows();
const bipiaAttacks = readBipiaTrainAttacks();
for (const variant of variants) {
  const result = trainModel({ rows, bipiaAttacks, ...variant });
  console.log(`\n### ${JSON.stringify(variant)}`);
  console.log(validationTable(result.validation));
  console.log(lineSummary(result.line));
}
