// The same weights give the same scores in workerd as in Node, to the last bit: global-setup scored PARITY_TEXTS in
// Node; this file scores them again inside the Workers runtime and compares exactly.
import { expect, inject, it } from "vitest";
import { classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { MARGINS_IMPLEMENTATION } from "../../shared/screening/classifiers/linear-model";
import { prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";
import { PARITY_TEXTS } from "./parity-texts";

it("runs the WebAssembly scan in workerd (the .wasm import compiled at deploy time)", () => {
  expect(MARGINS_IMPLEMENTATION).toBe("wasm");
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
