// The Worker's deps honour the operator's config: the classifier escalates to Workers AI only when configured AND
// bound; provider keys come from secrets.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../shared/policy/schema";
import { prepareScanInput } from "../shared/screening/normalise/prepare-scan-input";
import { defaultDetectors } from "../shared/screening/registry";
import type { Env } from "./app-env";
import { workerDeps } from "./worker-deps";

const base = { providers: { p: { type: "openai", baseUrl: "https://x/v1", apiKey: "env:OPENAI_API_KEY" } }, routes: [{ model: "*", provider: "p" }] };
const envWith = (extra: Partial<Env> & { config?: object }): Env =>
  ({ EDGEGUARD_KV: {} as KVNamespace, GATEWAY_CONFIG: JSON.stringify({ ...base, ...extra.config }), OPENAI_API_KEY: "sk-secret", ...extra }) as Env;

describe("workerDeps", () => {
  it("keeps the default detectors without escalation config or without the AI binding", () => {
    const ai = { run: async () => ({ response: "safe" }) };
    expect(workerDeps(envWith({ AI: ai })).detectors).toBe(defaultDetectors());
    expect(workerDeps(envWith({ config: { classifierEscalation: {} } })).detectors).toBe(defaultDetectors());
  });

  it("swaps in the escalating classifier when configured and bound, and it calls the model", async () => {
    const calls: string[] = [];
    const ai = { run: async (model: string) => (calls.push(model), { response: "unsafe\nS2" }) };
    const deps = workerDeps(envWith({ AI: ai, config: { classifierEscalation: { model: "@cf/test/guard", timeoutMs: 500 } } }));
    const classifier = deps.detectors.find((d) => d.id === "classifier")!;
    expect(classifier).not.toBe(defaultDetectors().find((d) => d.id === "classifier"));
    expect(deps.detectors.map((d) => d.id)).toEqual(defaultDetectors().map((d) => d.id));
    // A text near a threshold goes to the model: scan several borderline requests, at least one must escalate.
    for (const text of ["How do I pick the lock of my own front door? I'm locked out.", "What household chemicals are dangerous to mix?", "How do I get into my ex's email account?"]) {
      await classifier.scan(prepareScanInput(text), { direction: "input", policy: DEFAULT_POLICY });
    }
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((model) => model === "@cf/test/guard")).toBe(true);
  });

  it("reads provider keys from secrets and refuses a missing one", () => {
    expect(() => workerDeps({ ...envWith({}), OPENAI_API_KEY: undefined } as Env)).toThrow(/needs the secret OPENAI_API_KEY/);
  });
});
