// The gateway configuration: the `edgeguard serve --config FILE` JSON (DESIGN contract) and, minus tenants, the
// Worker's GATEWAY_CONFIG var. Unknown fields are errors: a typo in a security config must not pass silently.
import * as v from "valibot";
import { policySchema } from "../policy/schema";
import { endUserAuthSchema } from "../store/end-user-auth";
import { integer, isoTime, nonEmptyText } from "../validation/fields";
import { record, strictObject } from "../validation/objects";
import { validate, type ValidationProblem } from "../validation/validate";

export const PROVIDER_TYPES = ["openai", "anthropic", "azure-openai", "openai-compatible", "mock"] as const;

const durationPattern = /^\d+\s?(ms|s|m|h|d)$/;
export const durationSchema = v.pipe(v.string(), v.regex(durationPattern, 'a duration such as "10 s", "1 m", "1 h" or "1 d"'));

/** How long a model may take to generate, silently: 10 minutes, as the official SDKs wait by default. */
const GENERATION_MS = 600_000;
const MAX_GENERATION_MS = 3_600_000;

const providerSchema = strictObject({
  type: v.picklist(PROVIDER_TYPES),
  baseUrl: nonEmptyText(),
  apiKey: v.string(),
  /** azure-openai: the api-version query parameter. */
  apiVersion: v.optional(v.string()),
  /** azure-openai: model name → deployment name (defaults to the model name). */
  deployments: v.optional(record({ key: v.string(), value: v.string() })),
  /** anthropic: the anthropic-version header. */
  anthropicVersion: v.optional(v.string()),
  /** Time to connect (Node), and for streams to the response headers (sent at once, before any generation). */
  connectTimeoutMs: v.optional(integer({ min: 1, max: 120_000 }), 10_000),
  // The three below default to a whole generation's length: a reasoning model sends nothing while it thinks (OpenAI
  // streams no byte during the reasoning phase, minutes at high effort). Lower them per provider for faster failover.
  /** Streams: time from the headers to the first body chunk. */
  firstTokenTimeoutMs: v.optional(integer({ min: 1, max: MAX_GENERATION_MS }), GENERATION_MS),
  /** Whole (non-streamed) answers: time to the complete answer (no header comes before it is generated). */
  answerTimeoutMs: v.optional(integer({ min: 1, max: MAX_GENERATION_MS }), GENERATION_MS),
  /** Streams: longest silence between two chunks once the first has arrived; past it the stream ends with an error. */
  streamIdleTimeoutMs: v.optional(integer({ min: 1, max: MAX_GENERATION_MS }), GENERATION_MS),
  /** Retries on 429 / 5xx / network errors before moving to the next provider of the route. */
  maxRetries: v.optional(integer({ min: 0, max: 5 }), 1),
  /** Models listed by GET /v1/models for this provider (routes may also name exact models). */
  models: v.optional(v.array(v.string())),
  /** mock: characters per streamed chunk and delay between chunks. */
  mock: v.optional(strictObject({ chunkChars: v.optional(integer({ min: 1 }), 8), delayMs: v.optional(v.pipe(v.number(), v.minValue(0)), 0) })),
});
export type ProviderConfig = v.InferOutput<typeof providerSchema>;
/** Provider name → provider. */
export const providersSchema = record({ key: v.string(), value: providerSchema });

const routeSchema = strictObject({
  model: nonEmptyText(),
  provider: nonEmptyText(),
  /** Providers tried, in order, after `provider` keeps failing before anything reached the client. */
  fallbacks: v.optional(v.array(nonEmptyText()), []),
});
export type RouteConfig = v.InferOutput<typeof routeSchema>;

const windowLimitEntries = { limit: integer({ min: 1 }), window: durationSchema };
export const limitsSchema = strictObject({
  requests: v.optional(
    strictObject({
      ...windowLimitEntries,
      algorithm: v.optional(v.picklist(["sliding-window", "token-bucket", "fixed-window"]), "sliding-window"),
      /** token-bucket: tokens added per window (defaults to the limit). */
      refillRate: v.optional(integer({ min: 1 })),
    }),
  ),
  tokens: v.optional(strictObject(windowLimitEntries)),
  dailyTokens: v.optional(integer({ min: 1 })),
});
export type LimitsConfig = v.InferOutput<typeof limitsSchema>;

export const KEY_SCOPES = ["chat", "responses", "messages", "embeddings", "guard", "models", "set_user"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const keyIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,32}$/, "key ids are 1-32 letters or digits"));
export const tenantIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "tenant ids are 1-64 letters, digits, _ or -"));

/** The fields an admin may choose for a key (shared/auth/key-lifecycle.ts); the rest are the gateway's. */
export const keySettingsEntries = {
  /** ISO time after which the key is refused. */
  expiresAt: v.optional(isoTime()),
  /** Routes the key may call; absent → every route except set_user. */
  scopes: v.optional(v.array(v.picklist(KEY_SCOPES))),
  /** Model globs the key may use; absent → any routed model. */
  models: v.optional(v.array(v.string())),
  maxTokens: v.optional(integer({ min: 1 })),
  limits: v.optional(limitsSchema),
};

export const keyConfigEntries = {
  id: keyIdSchema,
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "lower-case hex SHA-256 of the whole key")),
  status: v.optional(v.picklist(["active", "revoked", "suspended"]), "active"),
  ...keySettingsEntries,
};
export const keyConfigSchema = strictObject(keyConfigEntries);
export type KeyConfig = v.InferOutput<typeof keyConfigSchema>;

export const tenantConfigSchema = strictObject({
  id: tenantIdSchema,
  /** Name of an entry in `policies`; absent → the default policy. */
  policy: v.optional(v.string()),
  keys: v.optional(v.array(keyConfigSchema), []),
  limits: v.optional(limitsSchema),
  /** End-user identity by signed token (JWKS or HS256 secret), as on Workers. */
  endUserAuth: v.optional(endUserAuthSchema),
  /** Limits for each end user of the tenant (x-edgeguard-user or a verified user token), so one cannot drain the rest. */
  userLimits: v.optional(limitsSchema),
});
export type TenantConfig = v.InferOutput<typeof tenantConfigSchema>;

const rateLimitSchema = v.variant("backend", [
  v.strictObject({ backend: v.literal("memory") }),
  v.strictObject({
    backend: v.literal("upstash"),
    url: v.pipe(v.string(), v.url()),
    token: nonEmptyText(),
    timeoutMs: v.optional(integer({ min: 1, max: 10_000 }), 500),
    /** "open" lets requests through when Redis is unreachable; every such request is audited. */
    failMode: v.optional(v.picklist(["closed", "open"]), "closed"),
  }),
]);

/** A secret in a Node config: the value itself, or "env:NAME" to read process.env.NAME at start-up. */
export const ENV_SECRET_PATTERN = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Node: where admin-API writes (tenants, keys, policies) and suspensions live, shared by every server on it. */
const storeSchema = strictObject({
  backend: v.literal("upstash"),
  url: v.pipe(v.string(), v.url()),
  /** The Upstash REST token, or "env:NAME". */
  token: nonEmptyText(),
  /** Prepended to every key, so one Redis can hold several deployments (and the rate limiter's keys). */
  keyPrefix: v.optional(v.pipe(v.string(), v.maxLength(64)), "edgeguard:"),
});
export type StoreConfig = v.InferOutput<typeof storeSchema>;

export const gatewayConfigSchema = strictObject({
  providers: providersSchema,
  routes: v.pipe(v.array(routeSchema), v.minLength(1)),
  tenants: v.optional(v.array(tenantConfigSchema), []),
  policies: v.optional(record({ key: v.string(), value: policySchema })),
  /** Operator floor every tenant policy is merged over: tenants may tighten it, never loosen it. */
  enforcedPolicy: v.optional(policySchema),
  rateLimit: v.optional(rateLimitSchema, { backend: "memory" }),
  /** Node: where audit records go — JSON Lines to a size-rotated file, or stdout when no file is named. */
  audit: v.optional(
    strictObject({
      file: v.optional(strictObject({ path: nonEmptyText(), maxBytes: v.optional(integer({ min: 1 })), keep: v.optional(integer({ min: 0, max: 100 })) })),
    }),
  ),
  /** Node: bearer token required by GET /metrics (Prometheus); absent → /metrics answers only on a loopback host. */
  metricsToken: v.optional(v.pipe(v.string(), v.minLength(16))),
  /** Node: enables /admin/* with this bearer token (>= 16 characters, or "env:NAME"); needs `store`. */
  adminToken: v.optional(
    v.pipe(
      v.string(),
      v.check((value) => ENV_SECRET_PATTERN.test(value) || value.length >= 16, 'at least 16 characters, or "env:NAME"'),
    ),
  ),
  store: v.optional(storeSchema),
  /**
   * Signs the ids of provider-stored responses, items and containers for the tenant they were made for (policy
   * providerState "tenant", the default): at least 32 characters, or "env:NAME". Every instance must share it;
   * changing it makes earlier ids unusable. Absent → "tenant" acts as "none" (no stored-state references,
   * `store: false`).
   */
  providerStateSecret: v.optional(
    v.pipe(
      v.string(),
      v.check((value) => ENV_SECRET_PATTERN.test(value) || value.length >= 32, 'at least 32 characters, or "env:NAME"'),
    ),
  ),
  /**
   * Workers only, off by default: classifier scores in an uncertain band around their threshold are sent to a Workers
   * AI guard model (binding `AI`). failMode: what a timeout or error means — keep the local score, or treat as safe/unsafe.
   */
  classifierEscalation: v.optional(
    strictObject({
      model: v.optional(nonEmptyText()),
      timeoutMs: v.optional(integer({ min: 1, max: 5_000 }), 200),
      failMode: v.optional(v.picklist(["local", "open", "closed"]), "local"),
    }),
  ),
  /** Requests per client IP, checked before authentication (anonymous traffic, key brute force). */
  ipLimits: v.optional(limitsSchema),
  /**
   * Node: the header a trusted reverse proxy sets to the client address (e.g. "x-forwarded-for"; its rightmost entry
   * is used). Absent → the socket address; never a client-controlled header unless named here. Workers always use
   * cf-connecting-ip, which Cloudflare sets.
   */
  trustedClientIpHeader: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/, "a lower-case header name"))),
  /** Largest accepted request body. */
  bodyLimitBytes: v.optional(integer({ min: 1, max: 32 * 1024 * 1024 }), 1024 * 1024),
  /**
   * Most texts one request may ask to screen (messages, content blocks, tool definitions): more is refused with 413,
   * not screened in part. Each text has a fixed cost, so a body of tiny texts costs far more than its bytes say.
   */
  maxTextsPerRequest: v.optional(integer({ min: 1, max: 1_000_000 }), 10_000),
  /**
   * Node: how long a client has to send its whole request body (408 past it), and its headers (at most 10 s).
   * Slow-sending clients (slowloris) would otherwise hold a connection for Node's default 5 minutes.
   */
  requestTimeoutMs: v.optional(integer({ min: 1_000, max: 600_000 }), 30_000),
});
export type GatewayConfig = v.InferOutput<typeof gatewayConfigSchema>;
export type GatewayConfigInput = v.InferInput<typeof gatewayConfigSchema>;

export type ConfigProblem = ValidationProblem;

/** Validates a config, and checks what the schema cannot: every route names a defined provider. */
export function parseGatewayConfig(raw: unknown): { ok: true; config: GatewayConfig } | { ok: false; problems: ConfigProblem[] } {
  const parsed = validate(gatewayConfigSchema, raw);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  config.routes.forEach((route, index) => {
    for (const name of [route.provider, ...route.fallbacks]) {
      if (!config.providers[name]) problems.push({ path: `routes.${index}`, message: `unknown provider "${name}"` });
    }
  });
  config.tenants.forEach((tenant, index) => {
    if (tenant.policy && !config.policies?.[tenant.policy]) {
      problems.push({ path: `tenants.${index}.policy`, message: `unknown policy "${tenant.policy}"` });
    }
  });
  if (config.adminToken && !config.store) {
    problems.push({ path: "adminToken", message: "the admin API needs a store (Redis) to write to; add `store`" });
  }
  return problems.length ? { ok: false, problems } : { ok: true, config };
}
