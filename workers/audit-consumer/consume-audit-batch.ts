// The Queue consumer behind the Worker's durable audit sink: validates each message against the audit schema, writes
// the valid ones to D1 in one `db.batch` (one round trip, one implicit transaction), then acks. A D1 failure retries
// the whole batch (INSERT OR IGNORE on request_id makes redelivery harmless); a message that fails validation is
// acked and logged by request id only, since retrying it can never succeed and would block the batch.
// Wire as `queue: consumeAuditBatch` in the Worker's default export.
import { insertAuditStatement } from "../../shared/audit/d1-rows";
import { auditRecordSchema, type AuditRecord } from "../../shared/audit/record-schema";
import { validate } from "../../shared/validation/validate";

export interface AuditConsumerEnv {
  EDGEGUARD_AUDIT_DB: D1Database;
}

export interface AuditBatchOutcome {
  written: number;
  invalid: number;
  /** True when D1 failed and every message was handed back for redelivery. */
  retried: boolean;
}

/** Base delay before a retried batch is redelivered: D1 errors are usually brief (overload, deploy). */
const RETRY_DELAY_SECONDS = 10;

export async function consumeAuditBatch(batch: MessageBatch<unknown>, env: AuditConsumerEnv): Promise<AuditBatchOutcome> {
  const valid: Array<{ message: Message<unknown>; record: AuditRecord }> = [];
  let invalid = 0;
  for (const message of batch.messages) {
    const parsed = validate(auditRecordSchema, message.body);
    if (parsed.ok) {
      valid.push({ message, record: parsed.data });
      continue;
    }
    invalid++;
    console.error("edgeguard: dropped invalid audit message", { messageId: message.id, requestId: requestIdOf(message.body) });
    message.ack();
  }
  if (valid.length === 0) return { written: 0, invalid, retried: false };

  const db = env.EDGEGUARD_AUDIT_DB;
  try {
    await db.batch(valid.map(({ record }) => insertAuditStatement({ db, record })));
  } catch (error) {
    console.error("edgeguard: audit batch write failed, retrying", { messages: valid.length, error: errorName(error) });
    // Messages acked above (invalid ones) stay acked: a per-message call takes precedence over retryAll.
    const attempts = Math.max(...valid.map(({ message }) => message.attempts));
    batch.retryAll({ delaySeconds: RETRY_DELAY_SECONDS * Math.min(attempts, 6) });
    return { written: 0, invalid, retried: true };
  }
  batch.ackAll();
  return { written: valid.length, invalid, retried: false };
}

function requestIdOf(body: unknown): string | undefined {
  const id = (body as { requestId?: unknown } | null)?.requestId;
  return typeof id === "string" ? id.slice(0, 100) : undefined;
}

/** The error's class and message, cut short: D1 messages name SQL, never record content, but keep logs bounded. */
function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : "unknown error";
}
