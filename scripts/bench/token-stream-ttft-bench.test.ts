// The token-stream TTFT benchmark runs (few rounds) and reports its three rows: direct, and both holdWords settings
// through the gateway, each after at least the provider's own first gap.
import { describe, expect, it } from "vitest";
import { benchTokenStreamTtft } from "./token-stream-ttft-bench";

describe("benchTokenStreamTtft", () => {
  it("times the first token direct and through the gateway with each holdWords setting", async () => {
    const rows = await benchTokenStreamTtft({ gapMs: 20, rounds: 3 });
    expect(rows.map((row) => row.measure)).toEqual([
      expect.stringContaining("direct"), expect.stringContaining('"all"'), expect.stringContaining('"suspicious"'),
    ]);
    for (const row of rows) expect(row.p50Ms).toBeGreaterThanOrEqual(20);
    expect(rows[0].addedMs).toBe(0);
  });
});
