// The Node server's identity, suspension and admin wiring from its config: tenants from the file first, then the
// Redis store (tenants and keys written through the admin API), behind the same short cache as on Workers;
// suspensions in Redis when a store is configured (they survive restarts and are shared by every server), in memory
// otherwise; delivered answers' fingerprints likewise (Redis shares them between servers); the admin API on when the
// config names an adminToken (parseGatewayConfig requires a store with it).
import { Redis } from "@upstash/redis";
import { withIdentityCache } from "../shared/auth/cached-identity-store";
import { ENV_SECRET_PATTERN, type GatewayConfig } from "../shared/config/schema";
import { withSuspensionCache } from "../shared/response/cached-suspension-store";
import { createKvSuspensionStore } from "../shared/response/kv-suspension-store";
import { createMemorySuspensionStore } from "../shared/response/memory-suspension-store";
import { createDeliveredAnswers, type DeliveredAnswers } from "../shared/screening/delivered-answers/delivered-answers";
import type { SuspensionStore } from "../shared/response/suspension-store";
import { createConfigIdentityStore } from "../shared/store/config-store";
import { createKvIdentityStore } from "../shared/store/kv-identity-store";
import { createLayeredIdentityStore } from "../shared/store/layered-identity-store";
import type { IdentityStore } from "../shared/store/records";
import { createRedisKv, type RedisKvClient } from "../shared/store/redis-kv";
import type { AdminAccess } from "./app-env";

export interface NodeStoreOptions {
  config: Pick<GatewayConfig, "tenants" | "policies" | "adminToken" | "store">;
  /** Where "env:NAME" secrets are read (process.env by default). */
  env?: Record<string, string | undefined>;
  now?: () => number;
  /** Builds the store's Redis client (tests may count or fake calls); it must not deserialise values. */
  createRedis?: (options: { url: string; token: string }) => RedisKvClient;
}

export interface NodeStoreDeps {
  identities: IdentityStore;
  suspensions: SuspensionStore;
  deliveredAnswers: DeliveredAnswers;
  admin?: AdminAccess;
}

/** "env:NAME" → the variable NAME (refusing to start without it); anything else is the value itself. */
export function resolveConfigSecret(options: { value: string; env: Record<string, string | undefined>; owner: string }): string {
  const ref = ENV_SECRET_PATTERN.exec(options.value);
  if (!ref) return options.value;
  const secret = options.env[ref[1]];
  if (!secret) throw new Error(`edgeguard: ${options.owner} names the environment variable ${ref[1]}, which is not set`);
  return secret;
}

/** A store call slower than this fails (a key lookup then answers 500, a suspension check fails closed). */
const STORE_TIMEOUT_MS = 2_000;

const defaultCreateRedis = ({ url, token }: { url: string; token: string }): RedisKvClient =>
  // One short retry and a per-request deadline: a lookup should fail visibly rather than hang on a dead Redis.
  new Redis({ url, token, automaticDeserialization: false, retry: { retries: 1, backoff: () => 20 }, signal: () => AbortSignal.timeout(STORE_TIMEOUT_MS) });

export function nodeStoreDeps(options: NodeStoreOptions): NodeStoreDeps {
  const { config, now } = options;
  const env = options.env ?? process.env;
  const fromFile = createConfigIdentityStore(config);
  if (!config.store) {
    if (config.adminToken) throw new Error("edgeguard: adminToken needs a store (Redis) for the admin API to write to");
    return { identities: withIdentityCache(fromFile, { now }), suspensions: createMemorySuspensionStore({ now }), deliveredAnswers: createDeliveredAnswers({ now }) };
  }
  const redis = (options.createRedis ?? defaultCreateRedis)({
    url: config.store.url,
    token: resolveConfigSecret({ value: config.store.token, env, owner: "store.token" }),
  });
  const kv = createRedisKv({ redis, keyPrefix: config.store.keyPrefix });
  let admin: AdminAccess | undefined;
  if (config.adminToken) {
    const token = resolveConfigSecret({ value: config.adminToken, env, owner: "adminToken" });
    // Same floor as the schema's for literal tokens: a short secret from the environment is refused, not half-used.
    if (token.length < 16) throw new Error("edgeguard: adminToken must be at least 16 characters");
    admin = { token, kv, readOnlyTenantIds: new Set(config.tenants.map((tenant) => tenant.id)) };
  }
  return {
    identities: withIdentityCache(createLayeredIdentityStore([fromFile, createKvIdentityStore(kv)]), { now }),
    suspensions: withSuspensionCache(createKvSuspensionStore({ kv, now }), { now }),
    deliveredAnswers: createDeliveredAnswers({ kv, now }),
    admin,
  };
}
