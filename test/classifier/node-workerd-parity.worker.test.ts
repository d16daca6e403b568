// The same weights give the same scores in workerd as in Node, to the last bit: global-setup scored PARITY_TEXTS in
// Node; this file scores them again inside the Workers runtime and compares exactly.
import { expect, inject, it } from "vitest";
import { classifyNormalised } from "../../shared/screening/classifiers/classifier-detector";
import { decodeBase64, decodeBase64ByLoop } from "../../shared/screening/classifiers/linear-model";
import { CLASSIFIER_METADATA } from "../../shared/screening/models/classifier-model";
import { CLASSIFIER_SCAN_PLATFORM } from "#classifier-scan-module";
import { CLASSIFIER_WEIGHT_BYTES } from "#classifier-weights";
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

it("loads the weights as a data module: the bytes the committed digests name", async () => {
  const wholeLength = (1 << CLASSIFIER_METADATA.feature.bits) * 4;
  for (const { bytes, sha256 } of [
    { bytes: CLASSIFIER_WEIGHT_BYTES.subarray(0, wholeLength), sha256: CLASSIFIER_METADATA.weightsSha256 },
    { bytes: CLASSIFIER_WEIGHT_BYTES.subarray(wholeLength), sha256: CLASSIFIER_METADATA.line.weightsSha256 },
  ]) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    expect([...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("")).toBe(sha256);
  }
});

it("decodes a trained model's base64 with workerd's native decoder, as the portable loop does", () => {
  expect(typeof (Uint8Array as { fromBase64?: unknown }).fromBase64).toBe("function");
  const sample = CLASSIFIER_WEIGHT_BYTES.slice(0, 3001);
  const base64 = btoa(String.fromCharCode(...sample));
  expect(decodeBase64(base64)).toEqual(sample);
  expect(decodeBase64ByLoop(base64)).toEqual(sample);
});
