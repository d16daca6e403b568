// An in-memory stand-in for the part of KVNamespace edgeguard uses (get text/json, put, delete), so the KV-backed
// stores and the admin API run unchanged on Node in tests. Values are strings, exactly as KV keeps them.
export interface MemoryKv {
  get(key: string, type?: "text" | "json" | { type: "text" | "json" }): Promise<unknown>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** The raw stored strings, for assertions (e.g. that no plaintext key was ever written). */
  entries: Map<string, string>;
}

export function createMemoryKv(): MemoryKv & KVNamespace {
  const entries = new Map<string, string>();
  const kv: MemoryKv = {
    entries,
    async get(key, type) {
      const value = entries.get(key);
      if (value === undefined) return null;
      const kind = typeof type === "object" ? type.type : type;
      return kind === "json" ? JSON.parse(value) : value;
    },
    async put(key, value) {
      entries.set(key, String(value));
    },
    async delete(key) {
      entries.delete(key);
    },
  };
  // Only the methods above are ever called; the cast lets it stand where a KVNamespace is expected.
  return kv as MemoryKv & KVNamespace;
}
