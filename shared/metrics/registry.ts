// A small Prometheus metrics registry: counters, gauges and histograms with labels, rendered in the text exposition
// format 0.0.4. No dependency, no timers, no global state: the caller owns the registry and decides who scrapes it.
// Label values are kept as given; callers bound their cardinality (tenants, fixed route names, category names).

export type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
}

interface HistogramSeries {
  labels: Labels;
  /** Per-bucket (non-cumulative) counts; cumulated when rendered. The last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

interface MetricBase {
  name: string;
  help: string;
  labelNames: readonly string[];
}

export type Metric =
  | (MetricBase & { type: "counter" | "gauge"; series: Map<string, Series> })
  | (MetricBase & { type: "histogram"; buckets: readonly number[]; series: Map<string, HistogramSeries> });

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}
export interface Gauge {
  set(labels: Labels, value: number): void;
}
export interface Histogram {
  observe(labels: Labels, value: number): void;
}

export interface MetricsRegistry {
  counter(options: MetricBase): Counter;
  gauge(options: MetricBase): Gauge;
  histogram(options: MetricBase & { buckets: readonly number[] }): Histogram;
  /** The registered metrics, in registration order (rendering reads this). */
  metrics(): readonly Metric[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function createMetricsRegistry(): MetricsRegistry {
  const byName = new Map<string, Metric>();

  function register<M extends Metric>(metric: M): M {
    const existing = byName.get(metric.name);
    if (existing) {
      // Same name, same shape: hand back the existing one, so two sinks can share a registry.
      if (existing.type !== metric.type || existing.labelNames.join() !== metric.labelNames.join()) {
        throw new Error(`metric ${metric.name} is already registered with another type or labels`);
      }
      return existing as M;
    }
    if (!NAME.test(metric.name)) throw new Error(`invalid metric name ${metric.name}`);
    for (const label of metric.labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith("__") || label === "le") throw new Error(`invalid label name ${label}`);
    }
    byName.set(metric.name, metric);
    return metric;
  }

  function seriesKey(metric: MetricBase, labels: Labels): string {
    for (const name of Object.keys(labels)) {
      if (!metric.labelNames.includes(name)) throw new Error(`metric ${metric.name} has no label ${name}`);
    }
    return JSON.stringify(metric.labelNames.map((name) => labels[name] ?? ""));
  }

  function pick(metric: MetricBase, labels: Labels): Labels {
    return Object.fromEntries(metric.labelNames.map((name) => [name, labels[name] ?? ""]));
  }

  return {
    counter(options) {
      const metric = register({ ...options, type: "counter", series: new Map() });
      return {
        inc(labels = {}, by = 1) {
          if (!(by >= 0)) throw new RangeError("a counter only goes up");
          const key = seriesKey(metric, labels);
          const series = metric.series.get(key) ?? { labels: pick(metric, labels), value: 0 };
          series.value += by;
          metric.series.set(key, series);
        },
      };
    },
    gauge(options) {
      const metric = register({ ...options, type: "gauge", series: new Map() });
      return {
        set(labels, value) {
          metric.series.set(seriesKey(metric, labels), { labels: pick(metric, labels), value });
        },
      };
    },
    histogram(options) {
      const buckets = [...options.buckets].sort((a, b) => a - b);
      const metric = register({ ...options, buckets, type: "histogram", series: new Map() });
      return {
        observe(labels, value) {
          const key = seriesKey(metric, labels);
          let series = metric.series.get(key);
          if (!series) {
            series = { labels: pick(metric, labels), counts: new Array(metric.buckets.length + 1).fill(0), sum: 0, count: 0 };
            metric.series.set(key, series);
          }
          const index = metric.buckets.findIndex((bound) => value <= bound);
          series.counts[index === -1 ? metric.buckets.length : index]++;
          series.sum += value;
          series.count++;
        },
      };
    },
    metrics: () => [...byName.values()],
  };
}
