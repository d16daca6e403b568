// The Worker's durable audit sink: each record goes to a Queue (its consumer batches them into D1) and, when bound,
// one Workers Analytics Engine data point for dashboards. It runs inside waitUntil, after the response, so it adds
// no latency; and it never rejects: a send is retried once, then logged with the request id only, never record
// content.
import type { AuditRecord, AuditSink } from "./record";
import { topCategory } from "./record-facts";

/** The part of a Queue producer binding this sink uses (a fake in Node tests). */
export interface AuditQueue {
  send(body: AuditRecord, options?: QueueSendOptions): Promise<void>;
}

/** The part of an Analytics Engine dataset binding this sink uses. */
export interface AnalyticsDataset {
  writeDataPoint(point: AnalyticsEngineDataPoint): void;
}

/**
 * One data point per request. Field order is a contract with dashboards' SQL (blob1..blob5, double1..double5):
 * index1 tenant; blobs route, action, model, provider, top category; doubles status, total ms, overhead ms,
 * tokens in, tokens out. Absent values are "" or 0 so positions never shift.
 */
export function toAnalyticsDataPoint(record: AuditRecord): AnalyticsEngineDataPoint {
  return {
    // Sampling key: one tenant's traffic is sampled together. Index values are limited to 96 bytes.
    indexes: [(record.tenantId ?? "anonymous").slice(0, 96)],
    blobs: [record.route, record.action, record.model ?? "", record.provider ?? "", topCategory(record)],
    doubles: [
      record.status,
      record.latencyMs.total ?? 0,
      record.latencyMs.overhead ?? 0,
      record.tokens.input ?? 0,
      record.tokens.output ?? 0,
    ],
  };
}

const SEND_ATTEMPTS = 2;
const RETRY_DELAY_MS = 50;

export function createQueueAuditSink(options: { queue: AuditQueue; analytics?: AnalyticsDataset }): AuditSink {
  const { queue, analytics } = options;
  return {
    async write(record) {
      try {
        analytics?.writeDataPoint(toAnalyticsDataPoint(record));
      } catch (error) {
        console.error("edgeguard: analytics data point failed", { requestId: record.requestId, error: errorName(error) });
      }
      // One retry: a send that fails once (a transient binding error) would otherwise lose the record.
      for (let attempt = 1; ; attempt++) {
        try {
          await queue.send(record, { contentType: "json" });
          return;
        } catch (error) {
          if (attempt < SEND_ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
            continue;
          }
          console.error("edgeguard: audit queue send failed", { requestId: record.requestId, attempts: attempt, error: errorName(error) });
          return;
        }
      }
    },
  };
}

/** Only the error's class: a binding's message could echo what it was given. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
