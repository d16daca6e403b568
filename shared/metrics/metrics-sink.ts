// An AuditSink that turns each audit record into Prometheus metrics (Node's `GET /metrics`): requests, blocks by
// category and direction, fail-open events, gateway overhead, automated suspensions, and the per-tenant block-rate
// shift flag.
// Label values are bounded here: routes outside the known set become "other", unauthenticated requests have tenant "".
import type { AuditRecord, AuditSink } from "../audit/record";
import { blockedCategories } from "../audit/record-facts";
import { createBlockRateShiftDetector, type BlockRateShiftOptions } from "./block-rate-shift";
import type { MetricsRegistry } from "./registry";

export const OVERHEAD_BUCKETS_MS = [0.5, 1, 2, 5, 10, 25, 50, 100, 250] as const;

/** Every route the gateway serves (test/gateway/metric-route-labels.test.ts keeps this list complete). */
const KNOWN_ROUTES = new Set([
  "/v1/chat/completions",
  "/v1/responses",
  "/v1/responses/input_tokens",
  "/v1/messages",
  "/v1/messages/count_tokens",
  "/v1/embeddings",
  "/v1/models",
  "/v1/guard",
  "/healthz",
  "/metrics",
]);

/** A bounded route label: random 404 paths must not mint new series. */
export function routeLabel(route: string): string {
  if (KNOWN_ROUTES.has(route)) return route;
  if (route === "/admin" || route.startsWith("/admin/")) return "/admin";
  return "other";
}

export interface MetricsSinkOptions {
  blockRateShift?: BlockRateShiftOptions;
}

export function createMetricsSink(registry: MetricsRegistry, options: MetricsSinkOptions = {}): AuditSink {
  const requests = registry.counter({
    name: "edgeguard_requests_total",
    help: "Requests by tenant, route, HTTP status and final action.",
    labelNames: ["tenant", "route", "status", "action"],
  });
  const blocks = registry.counter({
    name: "edgeguard_blocks_total",
    help: "Blocked requests by tenant and by the category and direction of the acted-on findings behind the block.",
    labelNames: ["tenant", "category", "direction"],
  });
  const overhead = registry.histogram({
    name: "edgeguard_overhead_ms",
    help: "Time spent in the gateway per request, excluding the provider, in milliseconds.",
    labelNames: [],
    buckets: OVERHEAD_BUCKETS_MS,
  });
  const suspensions = registry.counter({
    name: "edgeguard_auto_suspensions_total",
    help: "API keys suspended by automated response, by tenant.",
    labelNames: ["tenant"],
  });
  const shiftGauge = registry.gauge({
    name: "edgeguard_block_rate_shift",
    help: "1 when the tenant's short-horizon block rate jumped above its long-horizon rate, else 0.",
    labelNames: ["tenant"],
  });
  const rateGauge = registry.gauge({
    name: "edgeguard_block_rate",
    help: "Time-decayed block rate per tenant over the short and long horizons (0..1).",
    labelNames: ["tenant", "horizon"],
  });
  const failOpen = registry.counter({
    name: "edgeguard_fail_open_total",
    help: "Requests let through by a fail-open path or a policy's loosening, by tenant and kind (the audit record's failOpen).",
    labelNames: ["tenant", "kind"],
  });
  const shift = createBlockRateShiftDetector(options.blockRateShift);

  return {
    async write(record: AuditRecord) {
      const tenant = record.tenantId ?? "";
      requests.inc({ tenant, route: routeLabel(record.route), status: String(record.status), action: record.action });
      for (const { category, direction } of blockedCategories(record)) blocks.inc({ tenant, category, direction });
      if (record.latencyMs.overhead !== undefined) overhead.observe({}, record.latencyMs.overhead);
      if (record.automatedResponse) suspensions.inc({ tenant });
      for (const kind of new Set(record.failOpen.map(failOpenKind))) failOpen.inc({ tenant, kind });
      if (!record.tenantId) return; // only authenticated traffic has a tenant whose rate could shift
      // The record's own time is the clock: replays and tests are deterministic, and no timer is needed.
      const at = Date.parse(record.time);
      const reading = shift.observe({ tenant, blocked: record.action === "block", at });
      shiftGauge.set({ tenant }, reading.shifted ? 1 : 0);
      rateGauge.set({ tenant, horizon: "short" }, round(reading.short));
      rateGauge.set({ tenant, horizon: "long" }, round(reading.long));
    },
  };
}

/**
 * A bounded label for an audit `failOpen` entry: its first segment (`rate_limit`, `ip_limit`, `detector`), or the
 * first two for the named kinds of the screening directions (`input:resent_answer_not_blocked`,
 * `output:signed_text_not_redacted`); what follows (a policy name, a detector, a part's index) is left out.
 */
export function failOpenKind(entry: string): string {
  const [first, second] = entry.split(":", 2);
  return (first === "input" || first === "output") && second ? `${first}:${second}` : first;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
