import { describe, expect, it } from "vitest";
import { makeAuditRecord, makeBlockedPrompt } from "../audit/test-records";
import { createMetricsSink, failOpenKind, routeLabel } from "./metrics-sink";
import { parsePrometheus } from "./parse-prometheus-for-tests";
import { createMetricsRegistry } from "./registry";
import { renderPrometheus } from "./render-prometheus";

describe("metrics sink", () => {
  it("counts requests, blocks by category and direction, overhead and suspensions from audit records", async () => {
    const registry = createMetricsRegistry();
    const sink = createMetricsSink(registry);
    await sink.write(makeAuditRecord({ latencyMs: { overhead: 0.4 } }));
    await sink.write(makeAuditRecord({ latencyMs: { overhead: 3 } }));
    await sink.write(makeBlockedPrompt({ latencyMs: { overhead: 7 } }));
    await sink.write(
      makeAuditRecord({
        action: "block",
        stream: true,
        streamOutcome: "blocked",
        latencyMs: {},
        findings: [
          { detector: "canary", category: "canary_leak", score: 1, direction: "output", shadow: false },
          { detector: "tox", category: "toxicity", score: 0.9, direction: "output", shadow: true },
        ],
      }),
    );
    await sink.write(
      makeBlockedPrompt({
        tenantId: "globex",
        latencyMs: { overhead: 300 },
        automatedResponse: { action: "suspend_key", keyId: "k1", until: "2026-05-01T13:00:00.000Z", blockedPrompts: 3, withinSeconds: 60 },
      }),
    );
    await sink.write(makeAuditRecord({ route: "/wp-login.php", status: 401, action: "error", tenantId: undefined, latencyMs: {} }));
    // a flag with findings is not a block
    await sink.write(makeAuditRecord({ action: "flag", latencyMs: {}, findings: [{ detector: "tox", category: "toxicity", score: 0.8, direction: "input", shadow: false }] }));

    const m = parsePrometheus(renderPrometheus(registry));
    expect(m.value("edgeguard_requests_total", { tenant: "acme", route: "/v1/chat/completions", status: "200", action: "allow" })).toBe(2);
    expect(m.value("edgeguard_requests_total", { tenant: "acme", route: "/v1/chat/completions", status: "400", action: "block" })).toBe(1);
    expect(m.value("edgeguard_requests_total", { tenant: "", route: "other", status: "401", action: "error" })).toBe(1);
    expect(m.value("edgeguard_blocks_total", { tenant: "acme", category: "prompt_injection", direction: "input" })).toBe(1);
    expect(m.value("edgeguard_blocks_total", { tenant: "acme", category: "canary_leak", direction: "output" })).toBe(1);
    expect(m.value("edgeguard_blocks_total", { tenant: "globex", category: "prompt_injection", direction: "input" })).toBe(1);
    expect(m.value("edgeguard_blocks_total", { tenant: "acme", category: "toxicity", direction: "output" })).toBeUndefined();
    expect(m.value("edgeguard_blocks_total", { tenant: "acme", category: "toxicity", direction: "input" })).toBeUndefined();
    expect(m.value("edgeguard_overhead_ms_bucket", { le: "0.5" })).toBe(1);
    expect(m.value("edgeguard_overhead_ms_bucket", { le: "5" })).toBe(2);
    expect(m.value("edgeguard_overhead_ms_bucket", { le: "10" })).toBe(3);
    expect(m.value("edgeguard_overhead_ms_bucket", { le: "250" })).toBe(3);
    expect(m.value("edgeguard_overhead_ms_bucket", { le: "+Inf" })).toBe(4);
    expect(m.value("edgeguard_overhead_ms_count")).toBe(4);
    expect(m.value("edgeguard_overhead_ms_sum")).toBeCloseTo(310.4);
    expect(m.value("edgeguard_auto_suspensions_total", { tenant: "globex" })).toBe(1);
    expect(m.value("edgeguard_block_rate_shift", { tenant: "acme" })).toBe(0);
    expect(m.types.get("edgeguard_block_rate_shift")).toBe("gauge");
  });

  it("raises edgeguard_block_rate_shift for the tenant whose block rate jumps, using record times as the clock", async () => {
    const registry = createMetricsRegistry();
    const sink = createMetricsSink(registry, { blockRateShift: { shortHalfLifeSeconds: 60, longHalfLifeSeconds: 3600, minSamples: 10, factor: 3 } });
    const at = (ms: number) => new Date(Date.UTC(2026, 4, 1) + ms).toISOString();
    for (let i = 0; i < 120; i++) {
      await sink.write(makeAuditRecord({ tenantId: "acme", time: at(i * 30_000) }));
      await sink.write(makeAuditRecord({ tenantId: "globex", time: at(i * 30_000) }));
    }
    for (let i = 0; i < 20; i++) await sink.write(makeBlockedPrompt({ tenantId: "acme", time: at(3_600_000 + i * 3_000) }));
    const m = parsePrometheus(renderPrometheus(registry));
    expect(m.value("edgeguard_block_rate_shift", { tenant: "acme" })).toBe(1);
    expect(m.value("edgeguard_block_rate_shift", { tenant: "globex" })).toBe(0);
    expect(m.value("edgeguard_block_rate", { tenant: "acme", horizon: "short" })).toBeGreaterThan(0.5);
    expect(m.value("edgeguard_block_rate", { tenant: "acme", horizon: "long" })).toBeLessThan(0.2);
  });

  it("counts fail-open events per request by tenant and a bounded kind", async () => {
    const registry = createMetricsRegistry();
    const sink = createMetricsSink(registry);
    await sink.write(makeAuditRecord({ latencyMs: {}, failOpen: ["rate_limit:requests:timeout", "rate_limit:tokens:timeout"] }));
    await sink.write(makeAuditRecord({ latencyMs: {}, failOpen: ["input:resent_answer_not_blocked:1", "input:resent_answer_not_blocked:3"] }));
    await sink.write(makeAuditRecord({ latencyMs: {}, tenantId: "globex", failOpen: ["detector:classifier:timeout", "output:signed_text_not_redacted"] }));
    await sink.write(makeAuditRecord({ latencyMs: {} }));
    const m = parsePrometheus(renderPrometheus(registry));
    // One per request and kind, however many entries of that kind the record holds.
    expect(m.value("edgeguard_fail_open_total", { tenant: "acme", kind: "rate_limit" })).toBe(1);
    expect(m.value("edgeguard_fail_open_total", { tenant: "acme", kind: "input:resent_answer_not_blocked" })).toBe(1);
    expect(m.value("edgeguard_fail_open_total", { tenant: "globex", kind: "detector" })).toBe(1);
    expect(m.value("edgeguard_fail_open_total", { tenant: "globex", kind: "output:signed_text_not_redacted" })).toBe(1);
    expect(failOpenKind("ip_limit:backend")).toBe("ip_limit");
    expect(failOpenKind("input")).toBe("input");
  });

  it("bounds route labels", () => {
    expect(routeLabel("/v1/messages")).toBe("/v1/messages");
    expect(routeLabel("/admin/tenants/acme/usage")).toBe("/admin");
    expect(routeLabel("/administrator")).toBe("other");
    expect(routeLabel("/v1/chat/completions/../../x")).toBe("other");
  });
});
