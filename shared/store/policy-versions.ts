// Versioned tenant policies: every put writes an immutable `policy-history:<tenantId>:<version>` entry and bumps the
// tenant's `policyVersion`; a rollback re-publishes the version before the current one as a NEW version. Versions
// only ever grow, so an audit record's `policyVersion` always names exactly one policy text.
import type { Policy } from "../policy/schema";
import { isSafeRegex, type SafeRegexResult } from "../screening/detectors/safe-regex";
import type { AdminStore } from "./kv-admin-store";
import type { TenantRecord } from "./records";
import type { AdminResult } from "./tenant-admin";

/** Decides whether a banned-topic regex is safe to run on every request (no catastrophic backtracking). */
export type PatternSafetyCheck = (pattern: string) => SafeRegexResult;

/**
 * Refuses patterns that do not compile or that the safety check (default: the banned_topic detector's own
 * isSafeRegex, so the admin API refuses exactly what the detector would skip) rejects; names the first bad one.
 */
export function checkBannedPatterns(options: { policy: Policy; isSafePattern?: PatternSafetyCheck }): { ok: true } | { ok: false; message: string } {
  const isSafePattern = options.isSafePattern ?? isSafeRegex;
  const patterns = options.policy.bannedTopics?.patterns ?? [];
  for (const [index, pattern] of patterns.entries()) {
    try {
      new RegExp(pattern);
    } catch {
      return { ok: false, message: `bannedTopics.patterns.${index} is not a valid regular expression.` };
    }
    const verdict = isSafePattern(pattern);
    if (!verdict.safe) {
      return { ok: false, message: `bannedTopics.patterns.${index} is refused (${verdict.reason ?? "could backtrack catastrophically"}); simplify it.` };
    }
  }
  return { ok: true };
}

export interface PolicyState {
  tenantId: string;
  policyVersion: number;
  /** null: the tenant runs the default policy (merged with the operator's enforced floor). */
  policy: Policy | null;
}

const stateOf = (tenant: TenantRecord): PolicyState => ({ tenantId: tenant.id, policyVersion: tenant.policyVersion, policy: tenant.policy ?? null });

export async function getPolicy(options: { store: AdminStore; tenantId: string }): Promise<AdminResult<{ state: PolicyState }>> {
  const tenant = await options.store.getTenant(options.tenantId);
  if (!tenant) return { ok: false, reason: "tenant_not_found", message: `No tenant ${options.tenantId}.` };
  return { ok: true, state: stateOf(tenant) };
}

async function publish(options: { store: AdminStore; now: number; tenant: TenantRecord; policy: Policy | null }): Promise<PolicyState> {
  const { store, tenant } = options;
  const version = tenant.policyVersion + 1;
  const policy = options.policy ? { ...options.policy, version } : null;
  // History first: a tenant record never points at a version that has no history entry.
  await store.putPolicyVersion({ tenantId: tenant.id, version, policy, savedAt: new Date(options.now).toISOString() });
  const updated: TenantRecord = { ...tenant, policy: policy ?? undefined, policyVersion: version };
  await store.putTenant(updated);
  return stateOf(updated);
}

export async function putPolicy(options: {
  store: AdminStore;
  now: number;
  tenantId: string;
  policy: Policy;
  isSafePattern?: PatternSafetyCheck;
}): Promise<AdminResult<{ state: PolicyState }>> {
  const tenant = await options.store.getTenant(options.tenantId);
  if (!tenant) return { ok: false, reason: "tenant_not_found", message: `No tenant ${options.tenantId}.` };
  const patterns = checkBannedPatterns({ policy: options.policy, isSafePattern: options.isSafePattern });
  if (!patterns.ok) return { ok: false, reason: "invalid_policy", message: patterns.message };
  return { ok: true, state: await publish({ store: options.store, now: options.now, tenant, policy: options.policy }) };
}

/** Restores the version before the current one (version 0 = the default policy) as the next version. */
export async function rollbackPolicy(options: { store: AdminStore; now: number; tenantId: string }): Promise<AdminResult<{ state: PolicyState; restoredVersion: number }>> {
  const { store, tenantId } = options;
  const tenant = await store.getTenant(tenantId);
  if (!tenant) return { ok: false, reason: "tenant_not_found", message: `No tenant ${tenantId}.` };
  const restoredVersion = tenant.policyVersion - 1;
  if (restoredVersion < 0) return { ok: false, reason: "no_previous_policy", message: "There is no previous policy version." };
  let policy: Policy | null = null;
  if (restoredVersion > 0) {
    const entry = await store.getPolicyVersion({ tenantId, version: restoredVersion });
    if (!entry) return { ok: false, reason: "no_previous_policy", message: `Policy version ${restoredVersion} is no longer stored.` };
    policy = entry.policy;
  }
  return { ok: true, state: await publish({ store, now: options.now, tenant, policy }), restoredVersion };
}
