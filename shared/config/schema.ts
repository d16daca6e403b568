// The gateway configuration: the `edgeguard serve --config FILE` JSON (DESIGN contract) and, minus tenants, the
// Worker's GATEWAY_CONFIG var. Unknown fields are errors: a typo in a security config must not pass silently.
import * as z from "zod";
import { policySchema } from "../policy/schema";
import { endUserAuthSchema } from "../store/end-user-auth";

export const PROVIDER_TYPES = ["openai", "anthropic", "azure-openai", "openai-compatible", "mock"] as const;

const durationPattern = /^\d+\s?(ms|s|m|h|d)$/;
export const durationSchema = z.string().regex(durationPattern, 'a duration such as "10 s", "1 m", "1 h" or "1 d"');

const providerSchema = z.strictObject({
  type: z.enum(PROVIDER_TYPES),
  baseUrl: z.string().min(1),
  apiKey: z.string(),
  /** azure-openai: the api-version query parameter. */
  apiVersion: z.string().optional(),
  /** azure-openai: model name → deployment name (defaults to the model name). */
  deployments: z.record(z.string(), z.string()).optional(),
  /** anthropic: the anthropic-version header. */
  anthropicVersion: z.string().optional(),
  /** Time to response headers, and for streams to the first body chunk. */
  connectTimeoutMs: z.number().int().positive().max(120_000).default(10_000),
  firstTokenTimeoutMs: z.number().int().positive().max(300_000).default(30_000),
  /** Retries on 429 / 5xx / network errors before moving to the next provider of the route. */
  maxRetries: z.number().int().min(0).max(5).default(1),
  /** Models listed by GET /v1/models for this provider (routes may also name exact models). */
  models: z.array(z.string()).optional(),
  /** mock: characters per streamed chunk and delay between chunks. */
  mock: z.strictObject({ chunkChars: z.number().int().positive().default(8), delayMs: z.number().min(0).default(0) }).optional(),
});
export type ProviderConfig = z.infer<typeof providerSchema>;

const routeSchema = z.strictObject({
  model: z.string().min(1),
  provider: z.string().min(1),
  /** Providers tried, in order, after `provider` keeps failing before anything reached the client. */
  fallbacks: z.array(z.string().min(1)).default([]),
});
export type RouteConfig = z.infer<typeof routeSchema>;

const windowLimitSchema = z.strictObject({ limit: z.number().int().positive(), window: durationSchema });
export const limitsSchema = z.strictObject({
  requests: windowLimitSchema
    .extend({
      algorithm: z.enum(["sliding-window", "token-bucket", "fixed-window"]).default("sliding-window"),
      /** token-bucket: tokens added per window (defaults to the limit). */
      refillRate: z.number().int().positive().optional(),
    })
    .optional(),
  tokens: windowLimitSchema.optional(),
  dailyTokens: z.number().int().positive().optional(),
});
export type LimitsConfig = z.infer<typeof limitsSchema>;

export const KEY_SCOPES = ["chat", "messages", "embeddings", "guard", "models", "set_user"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const keyConfigSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9]{1,32}$/, "key ids are 1-32 letters or digits"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "lower-case hex SHA-256 of the whole key"),
  status: z.enum(["active", "revoked", "suspended"]).default("active"),
  /** ISO time after which the key is refused. */
  expiresAt: z.string().datetime().optional(),
  /** Routes the key may call; absent → every route except set_user. */
  scopes: z.array(z.enum(KEY_SCOPES)).optional(),
  /** Model globs the key may use; absent → any routed model. */
  models: z.array(z.string()).optional(),
  maxTokens: z.number().int().positive().optional(),
  limits: limitsSchema.optional(),
});
export type KeyConfig = z.infer<typeof keyConfigSchema>;

export const tenantConfigSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Name of an entry in `policies`; absent → the default policy. */
  policy: z.string().optional(),
  keys: z.array(keyConfigSchema).default([]),
  limits: limitsSchema.optional(),
  /** End-user identity by signed token (JWKS or HS256 secret), as on Workers. */
  endUserAuth: endUserAuthSchema.optional(),
  /** Limits for each end user of the tenant (x-edgeguard-user or a verified user token), so one cannot drain the rest. */
  userLimits: limitsSchema.optional(),
});
export type TenantConfig = z.infer<typeof tenantConfigSchema>;

const rateLimitSchema = z.discriminatedUnion("backend", [
  z.strictObject({ backend: z.literal("memory") }),
  z.strictObject({
    backend: z.literal("upstash"),
    url: z.string().url(),
    token: z.string().min(1),
    timeoutMs: z.number().int().positive().max(10_000).default(500),
    /** "open" lets requests through when Redis is unreachable; every such request is audited. */
    failMode: z.enum(["closed", "open"]).default("closed"),
  }),
]);

/** A secret in a Node config: the value itself, or "env:NAME" to read process.env.NAME at start-up. */
export const ENV_SECRET_PATTERN = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Node: where admin-API writes (tenants, keys, policies) and suspensions live, shared by every server on it. */
const storeSchema = z.strictObject({
  backend: z.literal("upstash"),
  url: z.string().url(),
  /** The Upstash REST token, or "env:NAME". */
  token: z.string().min(1),
  /** Prepended to every key, so one Redis can hold several deployments (and the rate limiter's keys). */
  keyPrefix: z.string().max(64).default("edgeguard:"),
});
export type StoreConfig = z.infer<typeof storeSchema>;

export const gatewayConfigSchema = z.strictObject({
  providers: z.record(z.string(), providerSchema),
  routes: z.array(routeSchema).min(1),
  tenants: z.array(tenantConfigSchema).default([]),
  policies: z.record(z.string(), policySchema).optional(),
  /** Operator floor every tenant policy is merged over: tenants may tighten it, never loosen it. */
  enforcedPolicy: policySchema.optional(),
  rateLimit: rateLimitSchema.default({ backend: "memory" }),
  /** Node: where audit records go — JSON Lines to a size-rotated file, or stdout when no file is named. */
  audit: z
    .strictObject({
      file: z.strictObject({ path: z.string().min(1), maxBytes: z.number().int().positive().optional(), keep: z.number().int().min(0).max(100).optional() }).optional(),
    })
    .optional(),
  /** Node: bearer token required by GET /metrics (Prometheus); absent → /metrics answers only on a loopback host. */
  metricsToken: z.string().min(16).optional(),
  /** Node: enables /admin/* with this bearer token (>= 16 characters, or "env:NAME"); needs `store`. */
  adminToken: z
    .string()
    .refine((value) => ENV_SECRET_PATTERN.test(value) || value.length >= 16, 'at least 16 characters, or "env:NAME"')
    .optional(),
  store: storeSchema.optional(),
  /**
   * Workers only, off by default: classifier scores in an uncertain band around their threshold are sent to a Workers
   * AI guard model (binding `AI`). failMode: what a timeout or error means — keep the local score, or treat as safe/unsafe.
   */
  classifierEscalation: z
    .strictObject({
      model: z.string().min(1).optional(),
      timeoutMs: z.number().int().positive().max(5_000).default(200),
      failMode: z.enum(["local", "open", "closed"]).default("local"),
    })
    .optional(),
  /** Requests per client IP, checked before authentication (anonymous traffic, key brute force). */
  ipLimits: limitsSchema.optional(),
  /**
   * Node: the header a trusted reverse proxy sets to the client address (e.g. "x-forwarded-for"; its rightmost entry
   * is used). Absent → the socket address; never a client-controlled header unless named here. Workers always use
   * cf-connecting-ip, which Cloudflare sets.
   */
  trustedClientIpHeader: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  /** Largest accepted request body. */
  bodyLimitBytes: z.number().int().positive().max(32 * 1024 * 1024).default(1024 * 1024),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;

export interface ConfigProblem {
  path: string;
  message: string;
}

/** Validates a config, and checks what zod cannot: every route names a defined provider. */
export function parseGatewayConfig(raw: unknown): { ok: true; config: GatewayConfig } | { ok: false; problems: ConfigProblem[] } {
  const parsed = gatewayConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  }
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
