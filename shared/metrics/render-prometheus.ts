// Renders a registry in the Prometheus text exposition format 0.0.4 (what `GET /metrics` answers, with
// `content-type: text/plain; version=0.0.4; charset=utf-8`).
import type { Labels, Metric, MetricsRegistry } from "./registry";

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export function renderPrometheus(registry: MetricsRegistry): string {
  const lines: string[] = [];
  for (const metric of registry.metrics()) {
    lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`);
    lines.push(...renderSeries(metric));
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}

function renderSeries(metric: Metric): string[] {
  if (metric.type !== "histogram") {
    return [...metric.series.values()].map((series) => `${metric.name}${renderLabels(series.labels)} ${formatValue(series.value)}`);
  }
  const lines: string[] = [];
  for (const series of metric.series.values()) {
    let cumulative = 0;
    metric.buckets.forEach((bound, i) => {
      cumulative += series.counts[i];
      lines.push(`${metric.name}_bucket${renderLabels(series.labels, formatValue(bound))} ${cumulative}`);
    });
    lines.push(`${metric.name}_bucket${renderLabels(series.labels, "+Inf")} ${series.count}`);
    lines.push(`${metric.name}_sum${renderLabels(series.labels)} ${formatValue(series.sum)}`);
    lines.push(`${metric.name}_count${renderLabels(series.labels)} ${series.count}`);
  }
  return lines;
}

function renderLabels(labels: Labels, le?: string): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  if (le !== undefined) pairs.push(`le="${le}"`);
  return pairs.length ? `{${pairs.join(",")}}` : "";
}

/** Label values escape backslash, double quote and line feed (format 0.0.4). */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text escapes backslash and line feed only. */
function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
