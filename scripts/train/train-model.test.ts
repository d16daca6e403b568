// Retraining is bit-for-bit reproducible: the same rows and seed give the same generated module, a different seed
// does not (so the comparison can fail). Uses a small slice and a small hash space to stay fast.
import { describe, expect, it } from "vitest";
import { renderModelModule } from "./model-writer";
import { trainModel } from "./train-model";
import { generateOwnData } from "./own-data/generate-own-data";
import { CORPUS_DIR, readJsonl } from "./training-rows";
import { join } from "node:path";

const corpusSlice = readJsonl(join(CORPUS_DIR, "train.jsonl")).slice(0, 1200);
const ownSlice = [...generateOwnData().values()].flatMap((rows) => rows.slice(0, 25));
const rows = [...corpusSlice, ...ownSlice];

function train(seed: number): string {
  const result = trainModel({ rows, feature: { bits: 12 }, ftrl: { epochs: 2, seed } });
  return renderModelModule(result.model);
}

describe("npm run train", () => {
  it("produces identical bytes when retrained on the same rows", () => {
    const first = train(7);
    expect(train(7)).toBe(first);
    expect(first).toContain('"weightsSha256"');
  });

  it("produces different bytes with a different seed (the comparison is not vacuous)", () => {
    expect(train(8)).not.toBe(train(7));
  });

  it("own data generation is deterministic", () => {
    const again = [...generateOwnData().values()].flatMap((r) => r.slice(0, 25));
    expect(again).toEqual(ownSlice);
  });
});
