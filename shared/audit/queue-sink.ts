// The Worker's durable audit sink: each record goes to a Queue (its consumer batches them into D1) and, when bound,
// one Workers Analytics Engine data point for dashboards. It runs inside waitUntil, after the response, so it adds
// no latency; and it never rejects: a send is retried once, then the record goes to the console as one JSON line
// (Workers Logs / Logpush keep it) without its opt-in `content`, so a queue outage loses no decision.
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
// A Queue message holds at most 128 KB; a record with auditContent on a long conversation can exceed it.
const QUEUE_MESSAGE_LIMIT_BYTES = 128 * 1024;

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
      let message = record;
      for (let attempt = 1; ; attempt++) {
        try {
          await queue.send(message, { contentType: "json" });
          return;
        } catch (error) {
          if (attempt < SEND_ATTEMPTS) {
            message = withinMessageLimit(record);
            await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
            continue;
          }
          console.error("edgeguard: audit queue send failed", { requestId: record.requestId, attempts: attempt, error: errorName(error) });
          console.log(auditFallbackLine(record));
          return;
        }
      }
    },
  };
}

/**
 * The record as it fits one Queue message: measured only after a failed send, since almost every record is a few KB.
 * Too large, it loses its opt-in content (and says so in `errors`) rather than the whole decision.
 */
export function withinMessageLimit(record: AuditRecord): AuditRecord {
  if (!record.content || new TextEncoder().encode(JSON.stringify(record)).length <= QUEUE_MESSAGE_LIMIT_BYTES) return record;
  const { content: _content, ...facts } = record;
  return { ...facts, errors: [...record.errors, "audit_content_too_large"] };
}

/**
 * The record for the logs when the queue cannot take it: every fact of the decision, but not the redacted prompt and
 * answer a tenant may have asked to keep, since logs are usually readable by more people than the audit table.
 */
export function auditFallbackLine(record: AuditRecord): string {
  const { content: _content, ...facts } = record;
  return JSON.stringify({ edgeguardAuditFallback: facts });
}

/** Only the error's class: a binding's message could echo what it was given. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
