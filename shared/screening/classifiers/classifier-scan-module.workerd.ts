// The classifier's WebAssembly scan in workerd: wrangler (and vitest-pool-workers) compile the imported .wasm at
// deploy time, since a Worker may not compile WebAssembly from bytes at run time. Chosen by package.json's "imports"
// under the "workerd" condition.
import classifierScan from "./classifier-scan.wasm";
import type { WasmScanPlatform } from "./wasm-margins";

export const CLASSIFIER_SCAN_PLATFORM: WasmScanPlatform = { module: classifierScan };
