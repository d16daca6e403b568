// All training rows featurised once into one compressed-sparse-row matrix (typed arrays, outside the JS heap), so
// each epoch only walks numbers.
import { hashFeatures, type FeatureConfig } from "../../shared/screening/classifiers/feature-hashing";

export interface FeatureMatrix {
  rowCount: number;
  /** Row r's entries are [offsets[r], offsets[r + 1]). */
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function buildFeatureMatrix(options: {
  texts: readonly string[];
  feature: FeatureConfig;
  normalise: (text: string) => string;
}): FeatureMatrix {
  const { texts, feature, normalise } = options;
  const offsets = new Int32Array(texts.length + 1);
  let indices = new Int32Array(1 << 20);
  let values = new Float32Array(1 << 20);
  let used = 0;
  texts.forEach((text, r) => {
    const hashed = hashFeatures(normalise(text), feature);
    if (used + hashed.count > indices.length) {
      const size = Math.max(indices.length * 2, used + hashed.count);
      const grownIndices = new Int32Array(size);
      grownIndices.set(indices.subarray(0, used));
      const grownValues = new Float32Array(size);
      grownValues.set(values.subarray(0, used));
      indices = grownIndices;
      values = grownValues;
    }
    indices.set(hashed.indices, used);
    values.set(hashed.values, used);
    used += hashed.count;
    offsets[r + 1] = used;
  });
  return { rowCount: texts.length, offsets, indices: indices.slice(0, used), values: values.slice(0, used) };
}
