import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { LineBatcher } from "./line-batcher";

/** A writeLines that records its calls and finishes only when told to, so the test controls overlap. */
function controlledWriter() {
  const calls: string[][] = [];
  const finishers: Array<(error?: Error) => void> = [];
  let active = 0;
  let maxActive = 0;
  const writeLines = (lines: string[]) => {
    calls.push(lines);
    active++;
    maxActive = Math.max(maxActive, active);
    return new Promise<void>((resolve, reject) => {
      finishers.push((error) => {
        active--;
        if (error) reject(error);
        else resolve();
      });
    });
  };
  return { calls, finishers, writeLines, maxActive: () => maxActive };
}

describe("LineBatcher", () => {
  it("writes the lines of one event-loop turn in one call, in order, and later lines in the next", async () => {
    const writer = controlledWriter();
    const batcher = new LineBatcher(writer.writeLines);
    const first = ["a", "b", "c"].map((line) => batcher.write(line));
    expect(writer.calls).toEqual([]); // nothing before the turn ends
    await nextTurn();
    expect(writer.calls).toEqual([["a", "b", "c"]]);
    writer.finishers[0]();
    await Promise.all(first);
    const second = batcher.write("d");
    await nextTurn();
    expect(writer.calls).toEqual([["a", "b", "c"], ["d"]]);
    writer.finishers[1]();
    await second;
  });

  it("never overlaps batches: lines that arrive while a batch is being written wait for it, then go together", async () => {
    const writer = controlledWriter();
    const batcher = new LineBatcher(writer.writeLines);
    const a = batcher.write("a");
    await nextTurn();
    const b = batcher.write("b");
    await nextTurn();
    const c = batcher.write("c");
    await nextTurn();
    expect(writer.calls).toEqual([["a"]]); // "a" still being written
    writer.finishers[0]();
    await a;
    await nextTurn();
    expect(writer.calls).toEqual([["a"], ["b", "c"]]);
    writer.finishers[1]();
    await Promise.all([b, c]);
    expect(writer.maxActive()).toBe(1);
  });

  it("a failed batch fails its own writers only; the next batch is still written, and flush waits for it", async () => {
    const writer = controlledWriter();
    const batcher = new LineBatcher(writer.writeLines);
    const failed = batcher.write("lost");
    await nextTurn();
    writer.finishers[0](new Error("disk full"));
    await expect(failed).rejects.toThrow("disk full");
    const next = batcher.write("kept");
    let flushed = false;
    const flush = batcher.flush().then(() => (flushed = true));
    await nextTurn();
    expect(flushed).toBe(false);
    writer.finishers[1]();
    await next;
    await flush;
    expect(writer.calls).toEqual([["lost"], ["kept"]]);
  });
});
