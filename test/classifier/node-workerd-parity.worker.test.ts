// The same weights give the same scores in workerd as in Node, to the last bit: global-setup scored PARITY_TEXTS in
// Node; this file scores them again inside the Workers runtime and compares exactly.
import { expect, inject, it } from "vitest";
import { classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { CLASSIFIER_SCAN_PLATFORM } from "#classifier-scan-module";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import { PARITY_TEXTS } from "./parity-texts";

it("loads workerd's WebAssembly scan: the .wasm import compiled at deploy time, texts copied in without Buffer", () => {
  expect(CLASSIFIER_SCAN_PLATFORM.module).toBeInstanceOf(WebAssembly.Module);
  expect(CLASSIFIER_SCAN_PLATFORM.unitWriter).toBeUndefined();
});

it("scores every parity text identically in workerd and Node", () => {
  const fromNode = inject("nodeClassifierScores");
  expect(fromNode).toHaveLength(PARITY_TEXTS.length);
  const inWorkerd = PARITY_TEXTS.map((text) => classifyNormalised(prepareScanInput(text).normalised));
  expect(inWorkerd).toEqual(fromNode);
  // The texts are not all scored alike: the comparison covers attacks and benign text both.
  const injection = inWorkerd.map((scores) => scores.prompt_injection);
  expect(Math.max(...injection) - Math.min(...injection)).toBeGreaterThan(0.5);
});
