// The classifier's weight bytes in workerd: a data module (wrangler's Data rule for .bin), so the bundle workerd
// compiles at every isolate start holds no weights. Chosen by package.json's "imports" under the "workerd" condition.
import weights from "./classifier-weights.bin";

export const CLASSIFIER_WEIGHT_BYTES: Uint8Array = new Uint8Array(weights);
