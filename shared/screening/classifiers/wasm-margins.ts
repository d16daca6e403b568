// The classifier's scan as WebAssembly (assembly/classifier-scan.ts, built into classifier-scan.wasm): one instance
// per isolate holding the weights, the text copied in as UTF-16 units, the totals read back in scan-totals.ts's layout.
// Same margins as the TypeScript scan (scan-margins.ts), bit for bit (docs/classifiers.md has the timings).
import type { DecodedModel, MarginsOf } from "./linear-model";
import { marginsFromTotals, TOTAL_SLOTS, type Margins } from "./scan-totals";

interface ScanExports {
  memory: WebAssembly.Memory;
  configure(bits: number, linePseudoCount: number): void;
  wholeWeightsOffset(): number;
  lineWeightsOffset(): number;
  resultsOffset(): number;
  textOffset(): number;
  /** Grows memory for a text of `units` UTF-16 units; returns how many fit. */
  reserve(units: number): number;
  /** lineView 0: no line view (bestPiece -Infinity). */
  score(units: number, lineView: number): void;
}

/** What a runtime supplies (classifier-scan-module.*.ts). */
export interface WasmScanPlatform {
  module: WebAssembly.Module;
  /** A native copy of a string's UTF-16 units to `byteOffset` (Node's Buffer); without one, a charCodeAt loop. */
  unitWriter?: (memory: ArrayBuffer, byteOffset: number) => (text: string) => void;
}

// Below this many units the charCodeAt loop beats a native call's fixed cost (measured: crossing near 25 on Node).
const LOOP_COPY_UNITS = 24;

/** One instance and the views over its memory (renewed when the memory grows). */
class WasmScan {
  private readonly scan: ScanExports;
  private readonly platform: WasmScanPlatform;
  private model: DecodedModel | null = null;
  private units = new Uint16Array(0);
  private writeUnits: ((text: string) => void) | null = null;
  private totals = new Float64Array(TOTAL_SLOTS);

  constructor(platform: WasmScanPlatform) {
    this.platform = platform;
    this.scan = new WebAssembly.Instance(platform.module, {}).exports as unknown as ScanExports;
  }

  margins(model: DecodedModel, normalised: string, lineView: boolean): Margins {
    // Weights are copied in once per model object: a DecodedModel is never changed in place (training builds new ones).
    if (this.model !== model) this.load(model);
    const length = normalised.length;
    if (length > this.units.length) this.view(this.scan.reserve(length));
    if (length > LOOP_COPY_UNITS && this.writeUnits) {
      this.writeUnits(normalised);
    } else {
      const units = this.units;
      for (let i = 0; i < length; i++) units[i] = normalised.charCodeAt(i);
    }
    this.scan.score(length, lineView ? 1 : 0);
    return marginsFromTotals(model, this.totals);
  }

  private load(model: DecodedModel): void {
    const scan = this.scan;
    scan.configure(model.feature.bits, model.feature.linePseudoCount);
    new Int8Array(scan.memory.buffer, scan.wholeWeightsOffset(), model.weights.length).set(model.weights);
    new Int8Array(scan.memory.buffer, scan.lineWeightsOffset(), model.line.weights.length).set(model.line.weights);
    this.view(scan.reserve(0));
    this.model = model;
  }

  private view(capacity: number): void {
    const buffer = this.scan.memory.buffer;
    this.units = new Uint16Array(buffer, this.scan.textOffset(), capacity);
    this.writeUnits = this.platform.unitWriter?.(buffer, this.scan.textOffset()) ?? null;
    this.totals = new Float64Array(buffer, this.scan.resultsOffset(), TOTAL_SLOTS);
  }
}

export function createWasmMargins(platform: WasmScanPlatform): MarginsOf {
  const scan = new WasmScan(platform);
  return (model, normalised, options) => scan.margins(model, normalised, options?.lineView ?? true);
}
