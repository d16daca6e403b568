// The classifier's weight bytes on Node (edgeguard serve, the CLIs, training and the node tests): read from the
// committed file beside this module (the CLI bundle copies it beside itself). Chosen by package.json's "imports"
// outside workerd.
import { readFileSync } from "node:fs";

export const CLASSIFIER_WEIGHT_BYTES: Uint8Array = readFileSync(new URL("./classifier-weights.bin", import.meta.url));
