// The limiter benchmark runs end to end (tiny sample) and reports sane rows: every case measured, the in-memory
// limiter cheaper than a round trip through the bridge to real Redis.
import { describe, expect, it } from "vitest";
import { redisServerInstalled } from "../../test/support/redis-server";
import { benchLimiter, formatRows } from "./limiter-bench";

describe("benchLimiter", () => {
  it("measures both backends in one run", async (ctx) => {
    if (!redisServerInstalled()) return ctx.skip("redis-server not installed");
    const rows = await benchLimiter({ iterations: 40, warmup: 5 });
    expect(rows.map((r) => `${r.backend}/${r.algorithm}`)).toEqual([
      "upstash via bridge (real Redis)/sliding-window",
      "in-memory/sliding-window",
      "upstash via bridge (real Redis)/token-bucket",
      "in-memory/token-bucket",
      "bridge transport only (GET)/-",
      "in-memory, a new identity per check past 50,000 live ones/sliding-window",
    ]);
    for (const row of rows) {
      expect(row.samples).toBe(40);
      expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms);
    }
    expect(rows[1].p50Ms).toBeLessThan(rows[0].p50Ms);
    expect(formatRows(rows)).toContain("| in-memory | token-bucket |");
  });
});
