// `npm run train`: trains the four heads on corpus/train.jsonl + data/*.jsonl (not the held-out files) and writes
// shared/screening/models/classifier-model.ts and classifier-weights.bin. Prints the validation figures (the test split is never read here).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeModelFiles } from "./model-writer";
import { trainModel, type HeadValidation } from "./train-model";
import { readBipiaTrainAttacks, readTrainingRows, REPO_ROOT } from "./training-rows";
import type { LineValidation } from "./train-line-head";

export const MODEL_MODULE_PATH = join(REPO_ROOT, "shared/screening/models/classifier-model.ts");
export const MODEL_WEIGHTS_PATH = join(REPO_ROOT, "shared/screening/models/classifier-weights.bin");

export function validationTable(rows: HeadValidation[]): string {
  const lines = [
    "| head | val positives | val benign | AUC | AUC 500+ | threshold | recall | benign FPR | own benign FPR |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.positives} | ${r.benign} | ${r.auc.toFixed(4)} | ${r.aucLong.toFixed(4)} | ${r.threshold} | ` +
        `${r.recall.toFixed(3)} | ${r.benignFpr.toFixed(4)} | ${r.ownBenignFpr.toFixed(4)} |`,
    );
  }
  return lines.join("\n");
}

export function lineSummary(w: LineValidation): string {
  return (
    `line view: ${w.trainPieces} train / ${w.validationPieces} validation pieces, piece AUC ${w.pieceAuc.toFixed(4)}, ` +
    `own threshold ${w.threshold}; long validation texts: benign FPR ${w.longBenignFpr.toFixed(4)} of ${w.longBenign} ` +
    `(own ${w.ownLongBenignFpr.toFixed(4)}), injection recall by the line view alone ${w.longInjectionRecall.toFixed(3)} of ${w.longInjections}; ` +
    `sentence view: own threshold ${w.sentenceThreshold}, with the line view benign FPR ${w.viewsLongBenignFpr.toFixed(4)}, ` +
    `injection recall ${w.viewsLongInjectionRecall.toFixed(3)}`
  );
}

/** The shipped training recipe: corpus train + our data, with BIPIA's train attacks for the line view. */
export function trainShippedModel(): ReturnType<typeof trainModel> {
  return trainModel({ rows: readTrainingRows(), bipiaAttacks: readBipiaTrainAttacks() });
}

function main(): void {
  const started = performance.now();
  const result = trainShippedModel();
  writeModelFiles({ model: result.model, modulePath: MODEL_MODULE_PATH, weightsPath: MODEL_WEIGHTS_PATH });
  console.log(`trained on ${result.trainRows} rows, validated on ${result.validationRows}`);
  console.log(validationTable(result.validation));
  console.log(lineSummary(result.line));
  console.log(`weights sha256 ${result.model.weightsSha256}`);
  console.log(`wrote ${MODEL_MODULE_PATH} and ${MODEL_WEIGHTS_PATH} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // A child process: this one already loaded the old model module, the pins must come from the new one.
  execFileSync(process.execPath, ["--import", "tsx", "-e", "import('./scripts/train/pin-scores.ts').then((m) => console.log(`re-pinned ${m.pinScores()} classifier scores`))"], { cwd: REPO_ROOT, stdio: "inherit" });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
