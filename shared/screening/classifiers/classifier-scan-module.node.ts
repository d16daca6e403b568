// The classifier's WebAssembly scan on Node (edgeguard serve, the CLIs, training and the node tests): compiled from
// the committed file at module start, with Buffer's native UTF-16 copy to move texts in. Chosen by package.json's
// "imports" outside workerd.
import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";
import type { WasmScanPlatform } from "./wasm-margins";

// workers-types declares WebAssembly.Module abstract (a Worker cannot compile at run time); Node can.
const CompileModule = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;

export const CLASSIFIER_SCAN_PLATFORM: WasmScanPlatform = {
  module: new CompileModule(readFileSync(new URL("./classifier-scan.wasm", import.meta.url))),
  // Copies raw code units, lone surrogates included; ~0.15 µs a call against 6 ns a unit for a charCodeAt loop.
  unitWriter(memory, byteOffset) {
    const target = Buffer.from(memory, byteOffset);
    return (text) => {
      target.write(text, "utf16le");
    };
  },
};
