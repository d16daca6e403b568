// Automated response: a key that sends `blockedPrompts` blocked prompts within `withinSeconds` is suspended for
// `suspendSeconds` (policy.autoSuspend). The audit middleware calls applyAutomatedResponse with each finished record;
// authenticate calls checkSuspension and refuses a suspended key with 403 permission_denied "key suspended".
// The decision is a pure function; counting and suspensions live behind SuspensionStore.
import type { AuditRecord } from "../audit/record";
import { isBlockedPrompt } from "../audit/record-facts";
import type { Policy } from "../policy/schema";
import type { SuspensionStore } from "./suspension-store";

export type AutoSuspendPolicy = NonNullable<Policy["autoSuspend"]>;

/** Pure: the threshold is reached when the window holds at least `blockedPrompts` blocks. */
export function shouldSuspend(options: { count: number; policy: AutoSuspendPolicy | undefined }): boolean {
  return options.policy !== undefined && options.count >= options.policy.blockedPrompts;
}

export interface AutomatedResponseOutcome {
  /** The record to write: annotated with `automatedResponse` when this request triggered a suspension. */
  record: AuditRecord;
  /** Whether the record counted as a blocked prompt for its key. */
  counted: boolean;
  /** Blocked prompts in the window including this one (0 when not counted). */
  count: number;
  suspension: { keyId: string; until: number; reason: string } | null;
}

/**
 * Counts a blocked prompt against its key and suspends the key when the policy's threshold is reached. Never throws:
 * a store failure is noted in the record's `errors` (automated response is best effort; the request already ended).
 */
export async function applyAutomatedResponse(options: {
  record: AuditRecord;
  policy: Pick<Policy, "autoSuspend"> | undefined;
  store: SuspensionStore;
  now: () => number;
}): Promise<AutomatedResponseOutcome> {
  const { record, store } = options;
  const rule = options.policy?.autoSuspend;
  const keyId = record.keyId;
  const unchanged: AutomatedResponseOutcome = { record, counted: false, count: 0, suspension: null };
  if (!rule || !keyId || !isBlockedPrompt(record)) return unchanged;

  try {
    const at = options.now();
    const count = await store.recordBlock(keyId, at, { withinSeconds: rule.withinSeconds });
    if (!shouldSuspend({ count, policy: rule })) return { ...unchanged, counted: true, count };
    const until = at + rule.suspendSeconds * 1000;
    const reason = `auto: ${count} blocked prompts within ${rule.withinSeconds} s`;
    await store.suspend(keyId, until, reason);
    return {
      record: {
        ...record,
        automatedResponse: { action: "suspend_key", keyId, until: new Date(until).toISOString(), blockedPrompts: count, withinSeconds: rule.withinSeconds },
      },
      counted: true,
      count,
      suspension: { keyId, until, reason },
    };
  } catch (error) {
    console.error("edgeguard: automated response failed", { requestId: record.requestId, error: error instanceof Error ? error.name : "unknown" });
    return { ...unchanged, record: { ...record, errors: [...record.errors, "automated_response_failed"] } };
  }
}

export type SuspensionCheck = { suspended: false } | { suspended: true; until: number; reason: string };

/**
 * For authenticate: is this key suspended now? A store failure answers "suspended" (fail closed, DESIGN principle 1)
 * unless the caller passes `failOpen: true`, in which case it should audit the fail-open.
 */
export async function checkSuspension(options: { store: SuspensionStore; keyId: string; failOpen?: boolean }): Promise<SuspensionCheck & { storeError?: boolean }> {
  try {
    const found = await options.store.getSuspension(options.keyId);
    return found ? { suspended: true, ...found } : { suspended: false };
  } catch {
    return options.failOpen ? { suspended: false, storeError: true } : { suspended: true, until: 0, reason: "suspension_store_unavailable", storeError: true };
  }
}
