import { describe, expect, it } from "vitest";
import { createBlockRateShiftDetector, type BlockRateReading } from "./block-rate-shift";

const MINUTE = 60_000;
const options = { shortHalfLifeSeconds: 120, longHalfLifeSeconds: 3600, factor: 3, minSamples: 10, minShortRate: 0.1 };

/** Feeds `count` requests evenly over `spanMs` from `start`, every `blockEvery`-th one blocked (0 = none). */
function feed(detector: ReturnType<typeof createBlockRateShiftDetector>, o: { tenant?: string; start: number; spanMs: number; count: number; blockEvery: number }) {
  const readings: BlockRateReading[] = [];
  for (let i = 0; i < o.count; i++) {
    const blocked = o.blockEvery > 0 && i % o.blockEvery === 0;
    readings.push(detector.observe({ tenant: o.tenant ?? "acme", blocked, at: o.start + (o.spanMs * i) / o.count }));
  }
  return readings;
}

describe("block-rate shift", () => {
  it("stays quiet on a steady 5% block rate for hours", () => {
    const detector = createBlockRateShiftDetector(options);
    const readings = feed(detector, { start: 0, spanMs: 180 * MINUTE, count: 600, blockEvery: 20 });
    expect(readings.some((r) => r.shifted)).toBe(false);
    const last = readings[readings.length - 1];
    expect(last.long).toBeGreaterThan(0.03);
    expect(last.long).toBeLessThan(0.08);
  });

  it("flags a burst of blocks after a calm baseline, and clears once the tenant calms down again", () => {
    const detector = createBlockRateShiftDetector(options);
    feed(detector, { start: 0, spanMs: 120 * MINUTE, count: 400, blockEvery: 20 });
    const burst = feed(detector, { start: 120 * MINUTE, spanMs: 5 * MINUTE, count: 40, blockEvery: 2 });
    const last = burst[burst.length - 1];
    expect(last.shifted).toBe(true);
    expect(last.short).toBeGreaterThan(3 * last.long);
    const calm = feed(detector, { start: 140 * MINUTE, spanMs: 30 * MINUTE, count: 100, blockEvery: 0 });
    expect(calm[calm.length - 1].shifted).toBe(false);
  });

  it("does not flag a burst with too few recent requests behind it", () => {
    const detector = createBlockRateShiftDetector({ ...options, minSamples: 50 });
    feed(detector, { start: 0, spanMs: 120 * MINUTE, count: 100, blockEvery: 0 });
    const burst = feed(detector, { start: 120 * MINUTE, spanMs: 2 * MINUTE, count: 8, blockEvery: 1 });
    expect(burst.every((r) => !r.shifted)).toBe(true);
    expect(burst[burst.length - 1].short).toBeGreaterThan(0.5); // the rate did jump: only the sample floor held it back
  });

  it("needs a baseline: a new tenant that blocks from the start is not a shift", () => {
    const detector = createBlockRateShiftDetector(options);
    const readings = feed(detector, { start: 0, spanMs: 5 * MINUTE, count: 40, blockEvery: 1 });
    expect(readings.every((r) => !r.shifted && r.short === r.long)).toBe(true);
  });

  it("keeps tenants apart and tolerates records arriving slightly out of order", () => {
    const detector = createBlockRateShiftDetector(options);
    feed(detector, { tenant: "a", start: 0, spanMs: 60 * MINUTE, count: 200, blockEvery: 0 });
    feed(detector, { tenant: "b", start: 0, spanMs: 60 * MINUTE, count: 200, blockEvery: 0 });
    const burst = feed(detector, { tenant: "a", start: 60 * MINUTE, spanMs: 3 * MINUTE, count: 30, blockEvery: 1 });
    expect(burst[burst.length - 1].shifted).toBe(true);
    const b = detector.observe({ tenant: "b", blocked: false, at: 60 * MINUTE - 5_000 });
    expect(b.shifted).toBe(false);
    expect(b.short).toBe(0);
  });
});
