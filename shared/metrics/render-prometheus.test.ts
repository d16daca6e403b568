import { describe, expect, it } from "vitest";
import { parsePrometheus } from "./parse-prometheus-for-tests";
import { createMetricsRegistry } from "./registry";
import { renderPrometheus } from "./render-prometheus";

describe("Prometheus registry and text exposition", () => {
  it("renders HELP, TYPE and one line per labelled series with the summed values", () => {
    const registry = createMetricsRegistry();
    const counter = registry.counter({ name: "jobs_total", help: "Jobs done.", labelNames: ["queue"] });
    counter.inc({ queue: "a" });
    counter.inc({ queue: "a" }, 2);
    counter.inc({ queue: "b" });
    const gauge = registry.gauge({ name: "temperature", help: "Now.", labelNames: [] });
    gauge.set({}, 3);
    gauge.set({}, -1.5);
    const parsed = parsePrometheus(renderPrometheus(registry));
    expect(parsed.types.get("jobs_total")).toBe("counter");
    expect(parsed.types.get("temperature")).toBe("gauge");
    expect(parsed.help.get("jobs_total")).toBe("Jobs done.");
    expect(parsed.value("jobs_total", { queue: "a" })).toBe(3);
    expect(parsed.value("jobs_total", { queue: "b" })).toBe(1);
    expect(parsed.value("temperature")).toBe(-1.5);
  });

  it("renders histograms with cumulative buckets, +Inf, _sum and _count", () => {
    const registry = createMetricsRegistry();
    const histogram = registry.histogram({ name: "latency_ms", help: "Latency.", labelNames: ["route"], buckets: [10, 1, 5] });
    for (const value of [0.5, 1, 3, 7, 50]) histogram.observe({ route: "/x" }, value);
    const parsed = parsePrometheus(renderPrometheus(registry));
    expect(parsed.types.get("latency_ms")).toBe("histogram");
    const bucket = (le: string) => parsed.value("latency_ms_bucket", { route: "/x", le });
    expect([bucket("1"), bucket("5"), bucket("10"), bucket("+Inf")]).toEqual([2, 3, 4, 5]); // a value on a bound counts in it
    expect(parsed.value("latency_ms_sum", { route: "/x" })).toBe(61.5);
    expect(parsed.value("latency_ms_count", { route: "/x" })).toBe(5);
    // bucket lines come in increasing `le` order, as the format requires
    const order = parsed.samples.filter((s) => s.name === "latency_ms_bucket").map((s) => s.labels.le);
    expect(order).toEqual(["1", "5", "10", "+Inf"]);
  });

  it("escapes label values and help text so hostile tenant names cannot forge lines", () => {
    const registry = createMetricsRegistry();
    const counter = registry.counter({ name: "hits_total", help: 'Back\\slash and\nnewline "quoted".', labelNames: ["tenant"] });
    const hostile = 'evil"} 999\nhits_total{tenant="victim';
    counter.inc({ tenant: hostile });
    const text = renderPrometheus(registry);
    const parsed = parsePrometheus(text);
    expect(parsed.samples).toHaveLength(1);
    expect(parsed.value("hits_total", { tenant: hostile })).toBe(1);
    expect(parsed.help.get("hits_total")).toBe('Back\\\\slash and\\nnewline "quoted".');
  });

  it("shares a metric registered twice with the same shape and refuses a clash or an undeclared label", () => {
    const registry = createMetricsRegistry();
    const first = registry.counter({ name: "c_total", help: "c", labelNames: ["x"] });
    const second = registry.counter({ name: "c_total", help: "c", labelNames: ["x"] });
    first.inc({ x: "1" });
    second.inc({ x: "1" });
    expect(parsePrometheus(renderPrometheus(registry)).value("c_total", { x: "1" })).toBe(2);
    expect(() => registry.gauge({ name: "c_total", help: "c", labelNames: ["x"] })).toThrow(/already registered/);
    expect(() => first.inc({ y: "1" })).toThrow(/no label y/);
    expect(() => first.inc({ x: "1" }, -1)).toThrow(RangeError);
    expect(() => registry.counter({ name: "bad name", help: "", labelNames: [] })).toThrow(/invalid metric name/);
  });

  it("renders an empty registry as an empty body", () => {
    expect(renderPrometheus(createMetricsRegistry())).toBe("");
  });
});
