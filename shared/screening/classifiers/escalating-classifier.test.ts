// The escalation tier with a fake Workers AI binding: only labels in the uncertain band are sent, a remote verdict
// moves the score across (unsafe) or below the band (safe), injection labels keep their local score under Llama
// Guard, and timeout / error / abort follow failMode and are reported.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/schema";
import { prepareScanInput } from "../normalise/prepare-scan-input";
import type { ScanContext } from "../types";
import { createClassifierDetector } from "./classifier-detector";
import {
  createEscalatingClassifierDetector, interpretLlamaGuard, type EscalationEvent, type WorkersAiBinding,
} from "./escalating-classifier";

const input = prepareScanInput("How do I pick the lock of my own front door? I'm locked out.");
const context: ScanContext = { direction: "input", policy: DEFAULT_POLICY };
const threshold = (label: "harmful_request" | "prompt_injection" | "toxicity") => DEFAULT_POLICY.input[label]!.threshold;
const everything = { below: 50, above: 50 }; // every label is "uncertain": model-independent tests
const scoreOf = (findings: { category: string; score: number }[], category: string) =>
  findings.find((f) => f.category === category)?.score ?? 0;

function fakeAi(answer: () => Promise<unknown>): WorkersAiBinding & { calls: { model: string; inputs: Record<string, unknown> }[] } {
  const calls: { model: string; inputs: Record<string, unknown> }[] = [];
  return { calls, run: (model, inputs) => (calls.push({ model, inputs }), answer()) };
}

describe("createEscalatingClassifierDetector", () => {
  it("is the plain local classifier when no binding is given", async () => {
    const local = await createClassifierDetector({ minScore: 0 }).scan(input, context);
    const escalating = await createEscalatingClassifierDetector({ minScore: 0 }).scan(input, context);
    expect(escalating).toEqual(local);
  });

  it("is a learned detector, as the local classifier is (policy.resentAnswers excuses only learned scores)", () => {
    expect(createClassifierDetector().learned).toBe(true);
    expect(createEscalatingClassifierDetector({ ai: fakeAi(async () => ({ response: "safe" })) }).learned).toBe(true);
  });

  it("sends uncertain texts to the model and raises a label the model calls unsafe to the policy threshold", async () => {
    const ai = fakeAi(async () => ({ response: "unsafe\nS2" }));
    const events: EscalationEvent[] = [];
    const findings = await createEscalatingClassifierDetector({ ai, band: everything, minScore: 0, onEscalation: (e) => events.push(e) }).scan(input, context);
    expect(ai.calls).toHaveLength(1);
    expect(ai.calls[0].model).toBe("@cf/meta/llama-guard-3-8b");
    expect(ai.calls[0].inputs).toEqual({ messages: [{ role: "user", content: input.cleaned }] });
    expect(scoreOf(findings, "harmful_request")).toBeGreaterThanOrEqual(threshold("harmful_request"));
    expect(events).toEqual([expect.objectContaining({ outcome: "verdict", verdict: expect.objectContaining({ harmful_request: true }) })]);
  });

  it("lowers a label the model calls safe below the band, and leaves injection (no Llama Guard opinion) alone", async () => {
    const ai = fakeAi(async () => ({ response: { safe: true, categories: [] } }));
    const band = { below: 1, above: 50 };
    const local = await createClassifierDetector({ minScore: 0 }).scan(input, context);
    const findings = await createEscalatingClassifierDetector({ ai, band, minScore: 0 }).scan(input, context);
    const low = 1 / (1 + Math.exp(-(Math.log(threshold("harmful_request") / (1 - threshold("harmful_request"))) - 1)));
    expect(scoreOf(findings, "harmful_request")).toBeLessThanOrEqual(low + 1e-12);
    expect(scoreOf(findings, "prompt_injection")).toBe(scoreOf(local, "prompt_injection"));
  });

  it("does not call the model when no label is near its threshold", async () => {
    const ai = fakeAi(async () => ({ response: "unsafe\nS1" }));
    const detector = createEscalatingClassifierDetector({ ai, band: { below: 1e-6, above: 1e-6 } });
    await detector.scan(prepareScanInput("What time does the bakery open on Sundays?"), context);
    expect(ai.calls).toHaveLength(0);
  });

  it("sends the prompt and the answer for output screening", async () => {
    const ai = fakeAi(async () => ({ response: "safe" }));
    await createEscalatingClassifierDetector({ ai, band: everything }).scan(input, { ...context, direction: "output", prompt: "hi" });
    expect(ai.calls[0].inputs).toEqual({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: input.cleaned }] });
  });

  describe("failure modes", () => {
    const never = () => new Promise<unknown>(() => {});
    const failing = () => Promise.reject(new Error("upstream 500"));

    it("on timeout keeps the local scores by default, and reports the timeout", async () => {
      const events: EscalationEvent[] = [];
      const local = await createClassifierDetector({ minScore: 0 }).scan(input, context);
      const started = Date.now();
      const findings = await createEscalatingClassifierDetector({
        ai: fakeAi(never), band: everything, timeoutMs: 30, minScore: 0, onEscalation: (e) => events.push(e),
      }).scan(input, context);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(findings).toEqual(local);
      expect(events[0].outcome).toBe("timeout");
    });

    it("closed treats a failed call as unsafe, open as safe", async () => {
      const closed = await createEscalatingClassifierDetector({ ai: fakeAi(failing), band: everything, failMode: "closed", minScore: 0 }).scan(input, context);
      for (const label of ["prompt_injection", "harmful_request", "toxicity"] as const) {
        expect(scoreOf(closed, label)).toBeGreaterThanOrEqual(threshold(label));
      }
      const open = await createEscalatingClassifierDetector({ ai: fakeAi(failing), band: everything, failMode: "open", minScore: 0 }).scan(input, context);
      for (const label of ["prompt_injection", "harmful_request", "toxicity"] as const) {
        expect(scoreOf(open, label)).toBeLessThan(threshold(label));
      }
    });

    it("reports errors, and skips the call when the request is already aborted", async () => {
      const events: EscalationEvent[] = [];
      await createEscalatingClassifierDetector({ ai: fakeAi(failing), band: everything, onEscalation: (e) => events.push(e) }).scan(input, context);
      const ai = fakeAi(async () => ({ response: "safe" }));
      const aborted = new AbortController();
      aborted.abort();
      await createEscalatingClassifierDetector({ ai, band: everything, onEscalation: (e) => events.push(e) }).scan(input, { ...context, signal: aborted.signal });
      expect(events.map((e) => e.outcome)).toEqual(["error", "skipped_aborted"]);
      expect(ai.calls).toHaveLength(0);
    });
  });
});

describe("interpretLlamaGuard", () => {
  const labels = ["prompt_injection", "jailbreak", "harmful_request", "toxicity"] as const;
  it("reads the text and object forms, maps S10 (hate) to toxicity, and has no injection opinion", () => {
    expect(interpretLlamaGuard({ response: "unsafe\nS10" }, labels)).toEqual({ harmful_request: true, toxicity: true });
    expect(interpretLlamaGuard({ response: { safe: false, categories: ["S1"] } }, labels)).toEqual({ harmful_request: true, toxicity: false });
    expect(interpretLlamaGuard("safe", labels)).toEqual({ harmful_request: false, toxicity: false });
    expect(interpretLlamaGuard({ response: 42 }, labels)).toEqual({});
  });
});
