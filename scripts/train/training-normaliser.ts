// The text the trainer featurises: exactly what serving hands the detector (ScanInput.normalised, from
// prepareScanInput), so training and inference see the same string. The model records NORMALISER_ID and a test
// fails when the normaliser changes without a retrain.
import { NORMALISER_ID, prepareScanInput } from "../../shared/screening/normalise/prepare-scan-input";

export { NORMALISER_ID };

export function normaliseForTraining(text: string): string {
  return prepareScanInput(text).normalised;
}
