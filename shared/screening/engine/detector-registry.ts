// A typed set of detectors: unique ids, lookup by id, and the detectors that apply to a direction (computed once).
// Kept apart from ../registry.ts (which builds the default set from the real detectors) so it has no heavy imports.
import type { Detector, Direction } from "../types";

export interface DetectorRegistry {
  readonly all: readonly Detector[];
  get(id: string): Detector | undefined;
  forDirection(direction: Direction): readonly Detector[];
}

export function createDetectorRegistry(detectors: readonly Detector[]): DetectorRegistry {
  const byId = new Map<string, Detector>();
  for (const detector of detectors) {
    if (byId.has(detector.id)) throw new Error(`duplicate detector id "${detector.id}"`);
    byId.set(detector.id, detector);
  }
  const all = Object.freeze([...detectors]);
  const byDirection: Record<Direction, readonly Detector[]> = {
    input: Object.freeze(all.filter((d) => d.directions.includes("input"))),
    output: Object.freeze(all.filter((d) => d.directions.includes("output"))),
  };
  return {
    all,
    get: (id) => byId.get(id),
    forDirection: (direction) => byDirection[direction],
  };
}
