// `npm run train`: trains the four heads on corpus/train.jsonl + data/*.jsonl (not the held-out files) and writes
// shared/screening/models/classifier-model.ts. Prints the validation figures (the test split is never read here).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeModelModule } from "./model-writer";
import { trainModel, type HeadValidation } from "./train-model";
import { readTrainingRows, REPO_ROOT } from "./training-rows";

export const MODEL_MODULE_PATH = join(REPO_ROOT, "shared/screening/models/classifier-model.ts");

export function validationTable(rows: HeadValidation[]): string {
  const lines = [
    "| head | val positives | val benign | AUC | AUC 500+ | threshold | recall | benign FPR |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.positives} | ${r.benign} | ${r.auc.toFixed(4)} | ${r.aucLong.toFixed(4)} | ${r.threshold} | ` +
        `${r.recall.toFixed(3)} | ${r.benignFpr.toFixed(4)} |`,
    );
  }
  return lines.join("\n");
}

function main(): void {
  const started = performance.now();
  const rows = readTrainingRows();
  const result = trainModel({ rows });
  writeModelModule({ model: result.model, path: MODEL_MODULE_PATH });
  console.log(`trained on ${result.trainRows} rows, validated on ${result.validationRows}`);
  console.log(validationTable(result.validation));
  console.log(`weights sha256 ${result.model.weightsSha256}`);
  console.log(`wrote ${MODEL_MODULE_PATH} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
