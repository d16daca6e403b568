// Picks the Worker's audit sink from its bindings: the Queue (→ D1) plus Analytics Engine when bound, else JSON Lines
// on the console (`wrangler tail`), so a Worker deployed without the audit bindings still audits every request.
import { createJsonLinesAuditSink } from "../../shared/audit/memory-sink";
import { createQueueAuditSink, type AnalyticsDataset, type AuditQueue } from "../../shared/audit/queue-sink";
import type { AuditSink } from "../../shared/audit/record";

/** The audit bindings declared in wrangler.toml (add to the Worker's Env). */
export interface AuditBindings {
  /** Producer for the durable audit trail; its consumer is `consumeAuditBatch`. */
  EDGEGUARD_AUDIT_QUEUE?: Queue;
  /** Audit rows for the admin summaries (migrations/). Used by the consumer and the admin API. */
  EDGEGUARD_AUDIT_DB?: D1Database;
  /** One data point per request. */
  EDGEGUARD_ANALYTICS?: AnalyticsEngineDataset;
}

export function workerAuditSink(env: AuditBindings): AuditSink {
  if (env.EDGEGUARD_AUDIT_QUEUE) {
    return createQueueAuditSink({
      queue: env.EDGEGUARD_AUDIT_QUEUE as unknown as AuditQueue,
      analytics: env.EDGEGUARD_ANALYTICS as AnalyticsDataset | undefined,
    });
  }
  return createJsonLinesAuditSink({ writeLine: (line) => console.log(line) });
}
