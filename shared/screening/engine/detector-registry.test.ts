import { describe, expect, it } from "vitest";
import { createDetectorRegistry } from "./detector-registry";
import { scriptedDetector } from "./fakes-for-tests";

describe("createDetectorRegistry", () => {
  const input = scriptedDetector({ id: "in", directions: ["input"], scan: () => [] });
  const output = scriptedDetector({ id: "out", directions: ["output"], scan: () => [] });
  const both = scriptedDetector({ id: "both", scan: () => [] });

  it("looks detectors up by id and by direction, keeping their order", () => {
    const registry = createDetectorRegistry([input, output, both]);
    expect(registry.get("out")).toBe(output);
    expect(registry.get("nope")).toBeUndefined();
    expect(registry.forDirection("input").map((d) => d.id)).toEqual(["in", "both"]);
    expect(registry.forDirection("output").map((d) => d.id)).toEqual(["out", "both"]);
    expect(registry.all.map((d) => d.id)).toEqual(["in", "out", "both"]);
  });

  it("rejects duplicate ids, since ids key timings and audit records", () => {
    expect(() => createDetectorRegistry([input, scriptedDetector({ id: "in", scan: () => [] })])).toThrow(/duplicate/);
  });
});
