// Test helper: the slice of KVNamespace the suspension store uses (get, put with expirationTtl and metadata, delete,
// list by prefix with cursor), with expiry on an injected clock and KV's 60-second minimum TTL enforced.
export function createFakeKv(options: { now: () => number; pageSize?: number }) {
  const entries = new Map<string, { value: string; expiresAt?: number; metadata?: unknown }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= options.now()) entries.delete(key);
    return entries.get(key);
  };
  const kv = {
    entries,
    async get(key: string, type?: "text" | "json") {
      const entry = live(key);
      if (!entry) return null;
      return type === "json" ? JSON.parse(entry.value) : entry.value;
    },
    async put(key: string, value: string, put: { expirationTtl?: number; metadata?: unknown } = {}) {
      if (put.expirationTtl !== undefined && put.expirationTtl < 60) throw new Error("KV PUT failed: 400 Invalid expiration_ttl");
      entries.set(key, {
        value,
        expiresAt: put.expirationTtl === undefined ? undefined : options.now() + put.expirationTtl * 1000,
        metadata: put.metadata,
      });
    },
    async delete(key: string) {
      entries.delete(key);
    },
    async list(list: { prefix?: string; cursor?: string } = {}) {
      const names = [...entries.keys()].filter((name) => name.startsWith(list.prefix ?? "") && live(name)).sort();
      const start = list.cursor ? Number(list.cursor) : 0;
      const size = options.pageSize ?? 1000;
      const page = names.slice(start, start + size);
      const done = start + size >= names.length;
      return {
        keys: page.map((name) => ({ name, metadata: entries.get(name)?.metadata })),
        list_complete: done,
        cursor: done ? undefined : String(start + size),
      };
    },
  };
  return kv as typeof kv & KVNamespace;
}
