// busyMsOf: workerd's startup CPU is the profile's sampled time minus its idle samples.
import { describe, expect, it } from "vitest";
import { busyMsOf } from "./bundle";

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
