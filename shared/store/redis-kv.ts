// A KVNamespace-compatible shim over an @upstash/redis client, so the KV-backed stores (admin store, identity store,
// suspension store) run unchanged on Node with Redis behind them. Only what those stores call is implemented:
// get (text/json), put (expirationTtl → SET EX, expiration → SET EXAT, metadata), delete, list (prefix/limit/cursor
// via SCAN MATCH prefix*). Every key is namespaced by `keyPrefix`. Metadata (used by suspension listings) lives in a
// companion key written in the same MULTI as the value, with the same expiry, so the two never disagree for long.
// Unlike Workers KV, Redis is strongly consistent: a write is visible to every server at once.
import type { Redis } from "@upstash/redis";

/**
 * The client calls the shim makes. The client MUST be built with `automaticDeserialization: false`: KV values are
 * strings, and the default client would turn a stored "42" into the number 42 and JSON text into objects.
 */
export type RedisKvClient = Pick<Redis, "get" | "set" | "del" | "scan" | "mget" | "multi">;

export interface RedisKvOptions {
  redis: RedisKvClient;
  /** Prepended to every key (e.g. "edgeguard:"); list() only ever sees keys under it. */
  keyPrefix: string;
}

type GetType = "text" | "json" | "arrayBuffer" | "stream";
type PutOptions = { expirationTtl?: number; expiration?: number; metadata?: unknown };
type ListOptions = { prefix?: string | null; limit?: number; cursor?: string | null };

/** Metadata keys sit beside values under "~meta:", which no KV key of ours can start with (they all start with a letter). */
const META_MARK = "~meta:";
const DEFAULT_LIST_LIMIT = 1000;

/** SCAN MATCH is a glob: the literal prefix must have its glob characters escaped. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, (char) => `\\${char}`);
}

/** A value the client deserialised anyway (misconfigured client) is put back into the string KV would hold. */
const asText = (raw: unknown): string | null => (raw === null || raw === undefined ? null : typeof raw === "string" ? raw : JSON.stringify(raw));

export function createRedisKv(options: RedisKvOptions): KVNamespace {
  const { redis, keyPrefix } = options;
  const dataKey = (key: string) => keyPrefix + key;
  const metaKey = (key: string) => keyPrefix + META_MARK + key;

  async function get(key: string, type?: GetType | { type?: GetType; cacheTtl?: number }): Promise<unknown> {
    const kind = (typeof type === "object" ? type.type : type) ?? "text";
    if (kind !== "text" && kind !== "json") throw new Error(`redis-kv: get type "${kind}" is not supported`);
    const raw = asText(await redis.get<string>(dataKey(key)));
    if (raw === null) return null;
    return kind === "json" ? JSON.parse(raw) : raw;
  }

  async function put(key: string, value: unknown, putOptions: PutOptions = {}): Promise<void> {
    if (typeof value !== "string") throw new Error("redis-kv: only string values are supported");
    const { expirationTtl, expiration, metadata } = putOptions;
    // KV refuses TTLs under 60 s; Redis has no such floor, and callers already apply KV's minimum themselves.
    const expiry = expirationTtl !== undefined ? { ex: Math.max(1, Math.ceil(expirationTtl)) } : expiration !== undefined ? { exat: Math.ceil(expiration) } : undefined;
    const tx = redis.multi();
    if (expiry) tx.set(dataKey(key), value, expiry);
    else tx.set(dataKey(key), value);
    // Like KV, a put replaces the metadata too: a put without metadata leaves none behind.
    if (metadata === undefined) tx.del(metaKey(key));
    else if (expiry) tx.set(metaKey(key), JSON.stringify(metadata), expiry);
    else tx.set(metaKey(key), JSON.stringify(metadata));
    await tx.exec();
  }

  async function del(key: string): Promise<void> {
    await redis.del(dataKey(key), metaKey(key));
  }

  /**
   * One SCAN round per call (COUNT = limit), skipping metadata keys. Like KV, `cursor` resumes a listing and
   * `list_complete` says it is over; unlike KV, a page may hold somewhat more or fewer than `limit` keys (even none
   * while not complete), and a key may appear twice across pages if Redis rehashes mid-listing. Callers here page
   * until list_complete and tolerate repeats (deletes and listings are idempotent).
   */
  async function list(listOptions: ListOptions = {}) {
    const prefix = listOptions.prefix ?? "";
    const limit = Math.max(1, Math.min(listOptions.limit ?? DEFAULT_LIST_LIMIT, DEFAULT_LIST_LIMIT));
    const [next, found] = await redis.scan(listOptions.cursor || "0", { match: `${escapeGlob(keyPrefix + prefix)}*`, count: limit });
    const names = [...new Set(found.map((name) => String(name)))].filter((name) => !name.startsWith(keyPrefix + META_MARK)).sort();
    const metas = names.length ? await redis.mget<(string | null)[]>(...names.map((name) => metaKey(name.slice(keyPrefix.length)))) : [];
    const keys = names.map((name, index) => {
      const meta = asText(metas[index]);
      return { name: name.slice(keyPrefix.length), metadata: meta === null ? undefined : JSON.parse(meta) };
    });
    const done = String(next) === "0";
    return done ? { keys, list_complete: true as const, cacheStatus: null } : { keys, list_complete: false as const, cursor: String(next), cacheStatus: null };
  }

  // Only the methods above are ever called (see the stores named in the header); the cast lets the shim stand where
  // a KVNamespace is expected, as shared/store/memory-kv.ts does.
  return { get, put, delete: del, list } as unknown as KVNamespace;
}
