import { describe, expect, it, vi } from "vitest";
import type { Detector, ScanContext } from "../types";
import { fakeScanInput, policyWith, scriptedDetector } from "./fakes-for-tests";
import { runDetectors } from "./run-detectors";

const input = fakeScanInput("hello world");
const context = (overrides: Partial<ScanContext> = {}): ScanContext => ({
  direction: "input",
  policy: policyWith({ detectorTimeoutMs: 40 }),
  ...overrides,
});

describe("runDetectors", () => {
  it("runs only the detectors for the direction and keys results by id", async () => {
    const seen: string[] = [];
    const detectors: Detector[] = [
      scriptedDetector({ id: "in", directions: ["input"], scan: () => (seen.push("in"), []) }),
      scriptedDetector({ id: "out", directions: ["output"], scan: () => (seen.push("out"), []) }),
      scriptedDetector({
        id: "both",
        delayMs: 1,
        scan: () => [{ detector: "both", category: "pii", score: 0.7 }],
      }),
    ];
    const result = await runDetectors({ input, context: context(), detectors });
    expect(seen).toEqual(["in"]);
    expect(Object.keys(result.byDetector).sort()).toEqual(["both", "in"]);
    expect(Object.keys(result.timings_ms).sort()).toEqual(["both", "in"]);
    expect(result.findings).toEqual([{ detector: "both", category: "pii", score: 0.7 }]);
    expect(result.failures).toEqual([]);
  });

  it("answers synchronously when every detector does, with a promise as soon as one is asynchronous", async () => {
    const sync = scriptedDetector({ id: "sync", scan: () => [{ detector: "sync", category: "pii", score: 1 }] });
    const answer = runDetectors({ input, context: context(), detectors: [sync] });
    expect(answer).not.toBeInstanceOf(Promise);
    expect((answer as Awaited<typeof answer>).findings).toHaveLength(1);
    const mixed = runDetectors({ input, context: context(), detectors: [sync, scriptedDetector({ id: "later", delayMs: 1, scan: () => [] })] });
    expect(mixed).toBeInstanceOf(Promise);
    expect(Object.keys((await mixed).byDetector)).toEqual(["sync", "later"]);
  });

  it("runs asynchronous detectors in parallel, not one after another", async () => {
    const detectors = ["a", "b", "c"].map((id) => scriptedDetector({ id, delayMs: 50, scan: () => [] }));
    const started = performance.now();
    await runDetectors({ input, context: context({ policy: policyWith({ detectorTimeoutMs: 1000 }) }), detectors });
    // One after another would take at least 150 ms.
    expect(performance.now() - started).toBeLessThan(140);
  });

  it("measures each detector with the injected clock", async () => {
    let clock = 0;
    const detectors = [
      scriptedDetector({ id: "slow", scan: () => ((clock += 7), []) }),
      scriptedDetector({ id: "fast", scan: () => ((clock += 2), []) }),
    ];
    const result = await runDetectors({ input, context: context(), detectors, now: () => clock });
    expect(result.timings_ms).toEqual({ slow: 7, fast: 2 });
  });

  it("records a timeout as a failure and aborts the detector's own signal", async () => {
    let detectorSignal: AbortSignal | undefined;
    const hanging: Detector = {
      id: "hang",
      categories: ["pii"],
      directions: ["input"],
      scan: (_input, ctx) => {
        detectorSignal = ctx.signal;
        return new Promise(() => {});
      },
    };
    const result = await runDetectors({ input, context: context(), detectors: [hanging] });
    expect(result.failures).toEqual([{ detector: "hang", reason: "timeout", message: "no answer within 40 ms" }]);
    expect(detectorSignal?.aborted).toBe(true);
    expect(result.timings_ms.hang).toBeGreaterThanOrEqual(30);
  });

  it("turns throws, rejections and malformed answers into failures while others still report", async () => {
    const detectors: Detector[] = [
      scriptedDetector({ id: "throws", scan: () => { throw new Error("boom"); } }),
      { id: "rejects", categories: ["pii"], directions: ["input"], scan: () => Promise.reject(new Error("nope")) },
      { id: "bad", categories: ["pii"], directions: ["input"], scan: () => "oops" as never },
      scriptedDetector({ id: "ok", scan: () => [{ detector: "ok", category: "secret", score: 1 }] }),
    ];
    const result = await runDetectors({ input, context: context(), detectors });
    expect(result.failures.map((f) => [f.detector, f.reason])).toEqual([
      ["throws", "error"],
      ["rejects", "error"],
      ["bad", "error"],
    ]);
    expect(result.failures[0].message).toContain("boom");
    expect(result.findings).toEqual([{ detector: "ok", category: "secret", score: 1 }]);
  });

  it("forces the detector field to the detector id and clamps scores to 0..1", async () => {
    const detectors = [
      scriptedDetector({ id: "real", scan: () => [{ detector: "spoof", category: "pii", score: 3 }] }),
    ];
    const result = await runDetectors({ input, context: context(), detectors });
    expect(result.findings).toEqual([{ detector: "real", category: "pii", score: 1 }]);
  });

  it("an abort of the request signal ends every pending detector at once", async () => {
    const controller = new AbortController();
    const detectors = ["a", "b"].map((id) => scriptedDetector({ id, delayMs: 5_000, scan: () => [] }));
    const policy = policyWith({ detectorTimeoutMs: 10_000 });
    const running = runDetectors({ input, context: context({ policy, signal: controller.signal }), detectors });
    setTimeout(() => controller.abort(), 5);
    const started = performance.now();
    const result = await running;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.failures.map((f) => f.reason)).toEqual(["aborted", "aborted"]);
  });

  it("does not start detectors when the signal is already aborted", async () => {
    let ran = false;
    const detectors = [scriptedDetector({ id: "x", scan: () => ((ran = true), []) })];
    const result = await runDetectors({ input, context: context({ signal: AbortSignal.abort() }), detectors });
    expect(ran).toBe(false);
    expect(result.failures[0].reason).toBe("aborted");
  });
  it("synchronous detectors cost no abort listener on the request signal", async () => {
    const controller = new AbortController();
    const listen = vi.spyOn(controller.signal, "addEventListener");
    const detectors = ["a", "b"].map((id) => scriptedDetector({ id, scan: () => [] }));
    const result = await runDetectors({ input, context: context({ signal: controller.signal }), detectors });
    expect(result.failures).toEqual([]);
    expect(listen).not.toHaveBeenCalled();
  });

  it("a detector reading its signal gets one linked to the request, unlinked when the run ends", async () => {
    const controller = new AbortController();
    const listen = vi.spyOn(controller.signal, "addEventListener");
    const unlisten = vi.spyOn(controller.signal, "removeEventListener");
    let seen: AbortSignal | undefined;
    const detectors = [
      { id: "reads", categories: ["pii"], directions: ["input"], scan: async (_: unknown, ctx: ScanContext) => ((seen = ctx.signal), []) },
    ] as Detector[];
    await runDetectors({ input, context: context({ signal: controller.signal }), detectors });
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen).not.toBe(controller.signal);
    expect(listen).toHaveBeenCalledTimes(1);
    expect(unlisten).toHaveBeenCalledTimes(1);
    controller.abort();
    expect(seen!.aborted).toBe(false); // the run was over: a later request abort no longer reaches it
  });

  it("a detector that reads its signal after the request aborted sees it aborted", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const detectors = [
      {
        id: "late",
        categories: ["pii"],
        directions: ["input"],
        scan: async (_: unknown, ctx: ScanContext) => {
          controller.abort(new Error("client went away"));
          seen = ctx.signal;
          return [];
        },
      },
    ] as Detector[];
    await runDetectors({ input, context: context({ signal: controller.signal }), detectors });
    expect(seen!.aborted).toBe(true);
  });
});
