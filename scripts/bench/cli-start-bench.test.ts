// The CLI start benchmark runs (one round) and reports both ways of starting. Which is faster is the bench's to
// report, not a unit test's to assert (timings on a shared machine).
import { describe, expect, it } from "vitest";
import { benchCliStart } from "./cli-start-bench";

describe("benchCliStart", () => {
  it("times the command from its bundle and from its sources", async () => {
    const [bundled, fromSource] = await benchCliStart({ runs: 1 });
    expect(bundled.measure).toContain("from the bundle");
    expect(fromSource.measure).toContain("through tsx");
    expect(bundled.ms).toBeGreaterThan(0);
    expect(fromSource.ms).toBeGreaterThan(0);
  }, 30_000);
});
