// busyMsOf: workerd's startup CPU is the profile's sampled time minus its idle samples. buildWorkerBundle: only this
// build's modules are measured, never an earlier build's leftovers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWorkerBundle, busyMsOf } from "./bundle";

describe("busyMsOf", () => {
  it("sums the time of non-idle samples only (time deltas in microseconds)", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(root)" } },
        { id: 2, callFrame: { functionName: "(idle)" } },
        { id: 3, callFrame: { functionName: "init" } },
      ],
      samples: [3, 2, 3, 1, 2],
      timeDeltas: [1500, 40000, 2500, 1000, 9000],
    };
    expect(busyMsOf(profile)).toBe(5);
  });
});

describe("buildWorkerBundle", () => {
  it("empties the directory first, so an earlier build's hashed weights are not counted", () => {
    const outdir = mkdtempSync(join(tmpdir(), "edgeguard-bench-bundle-"));
    try {
      writeFileSync(join(outdir, "0000-classifier-weights.bin"), new Uint8Array(1024));
      const files = buildWorkerBundle(outdir);
      expect(files).toContain("index.js");
      expect(files.filter((f) => f.endsWith(".bin"))).toHaveLength(1);
      expect(files).not.toContain("0000-classifier-weights.bin");
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
