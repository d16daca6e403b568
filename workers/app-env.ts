// The Hono environment shared by every edgeguard app: bindings (Workers env) and per-request context variables.
import type { Context } from "hono";
import type { Dialect } from "../shared/api/errors";
import type { LimitsConfig } from "../shared/config/schema";
import type { AuditRecord, AuditSink } from "../shared/audit/record";
import type { Policy } from "../shared/policy/schema";
import type { StateIdBinder } from "../shared/api/state-ids";
import type { ProviderRouter } from "../shared/providers/registry";
import type { LimitEnforcer } from "../shared/rate-limit";
import type { SuspensionStore } from "../shared/response/suspension-store";
import type { AuditBindings } from "./audit-consumer/worker-audit-sink";
import type { CleanTextCache } from "../shared/screening/engine/clean-text-cache";
import type { DeliveredAnswers } from "../shared/screening/delivered-answers/delivered-answers";
import type { RedactionVault } from "../shared/screening/redact/redaction-vault";
import type { Detector } from "../shared/screening/types";
import type { IdentityStore, KeyRecord, TenantRecord } from "../shared/store/records";

/** Worker bindings. Secrets are set with `wrangler secret put` (production) or `.dev.vars` (local). */
export interface Env extends AuditBindings {
  /** Tenants, key hashes, policies, suspensions (docs/storage-schema.md). */
  EDGEGUARD_KV: KVNamespace;
  /** Providers and routes as JSON (shared/config/schema.ts, without tenants). */
  GATEWAY_CONFIG: string;
  /** Enables /admin/* when set (secret). */
  ADMIN_TOKEN?: string;
  /** Workers AI, only for the optional classifier escalation tier (GATEWAY_CONFIG.classifierEscalation). */
  AI?: unknown;
  /** Provider API keys referenced as "env:NAME" in GATEWAY_CONFIG (secrets). */
  [secret: string]: unknown;
}

/** Everything a request needs that outlives the request: built once per isolate (Workers) or process (Node). */
export interface GatewayDeps {
  identities: IdentityStore;
  router: ProviderRouter;
  auditSink: AuditSink;
  /** Automated response: blocked-prompt counters and key suspensions. */
  suspensions: SuspensionStore;
  /** Request and token limits per identity (Upstash Redis, or in memory per process). */
  limiter: LimitEnforcer;
  /** The detector set every request runs (the default registry; tests may pass their own). */
  detectors: readonly Detector[];
  /** Input texts found clean, not screened again for the same tenant (and end user); absent → every text, every time. */
  cleanTexts?: CleanTextCache;
  /** Answers delivered to each tenant, by fingerprint (policy.resentAnswers); absent → every resent answer is judged. */
  deliveredAnswers?: DeliveredAnswers;
  /** Operator floor merged into every tenant policy. */
  enforcedPolicy?: Policy;
  /** Binds provider-state ids to tenants (config providerStateSecret); absent → policy "tenant" acts as "none". */
  stateIds?: StateIdBinder;
  bodyLimitBytes: number;
  /** Most texts a request may carry to screen (config maxTextsPerRequest); absent → no bound. */
  maxTextsPerRequest?: number;
  /** Node: the deadline for a request body to arrive whole (Workers leave slow clients to the platform). */
  requestTimeoutMs?: number;
  now: () => number;
  /** Per-client-IP request limits before authentication (config ipLimits). */
  ipLimits?: LimitsConfig;
  /** The client's address as this runtime knows it (socket, or a header the operator trusts). */
  clientIp?: (c: Context<AppEnv>) => string | undefined;
  /** The network for provider calls; absent → the runtime's fetch (Workers). */
  upstreamFetch?: typeof fetch;
  /** The admin API's token and store (Workers: ADMIN_TOKEN + EDGEGUARD_KV; Node: config adminToken + Redis).
   *  Absent → the ADMIN_TOKEN/EDGEGUARD_KV bindings if any (deps built by hand), else /admin/* answers 404. */
  admin?: AdminAccess;
}

export interface AdminAccess {
  /** The bearer token /admin/* requires; shorter than 16 characters → the admin API stays off. */
  token: string;
  /** Where admin writes go (docs/storage-schema.md). */
  kv: KVNamespace;
  /** Tenants defined in the Node config file: read-only through the admin API (the file is their source of truth). */
  readOnlyTenantIds?: ReadonlySet<string>;
}

/** The authenticated caller. */
export interface Caller {
  tenant: TenantRecord;
  key: KeyRecord;
  policy: Policy;
  endUser?: string;
}

/** The audit record as it is being filled in by the stages; written once by the audit middleware. */
export type AuditDraft = Partial<AuditRecord> & { latencyMs: Record<string, number>; errors: string[]; failOpen: string[] };

export interface AppVariables {
  requestId: string;
  deps: GatewayDeps;
  dialect: Dialect;
  audit: AuditDraft;
  /** Resolves when the response body has been fully sent (streams), so the audit record is written then. */
  responseDone?: Promise<void>;
  caller?: Caller;
  body?: Record<string, unknown>;
  /** The raw body, when the body-limit middleware had to read it to count it (no declared length). */
  bodyBytes?: Uint8Array | ArrayBuffer;
  /** Placeholders redacted from the prompt, restored in the answer (deanonymise). */
  vault?: RedactionVault;
  /** The conversation's system prompt, for output canary and leak checks. */
  systemPrompt?: string;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
