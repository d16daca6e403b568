// The conversation benchmark runs end to end (tiny sample) and reports sane rows: all three measured, and screening
// the whole history dearer than parsing alone (the cache's row is the bench's figure, not this test's).
import { describe, expect, it } from "vitest";
import { benchConversation } from "./conversation-bench";

describe("benchConversation", () => {
  it("measures a long chat request with and without the clean-text cache, and its parsing alone", async () => {
    const [cached, uncached, parseOnly] = await benchConversation({ batches: 2, runs: 20 });
    expect(cached.measure).toContain("history known clean");
    expect(uncached.measure).toContain("every text screened");
    expect(parseOnly.measure).toContain("alone");
    for (const row of [cached, uncached, parseOnly]) expect(Number.isFinite(row.usPerRequest) && row.usPerRequest > 0).toBe(true);
    expect(uncached.usPerRequest).toBeGreaterThan(parseOnly.usPerRequest);
  });
});
