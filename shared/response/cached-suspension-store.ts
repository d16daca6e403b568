// A short in-isolate cache in front of a SuspensionStore's lookups, so checking every request for a suspension does
// not cost a KV read each time. Writes go straight through and refresh this isolate's entry; other isolates see a
// new suspension (or a lift) within ttlMs plus KV propagation.
import type { SuspensionStore } from "./suspension-store";

export function withSuspensionCache(store: SuspensionStore, options: { ttlMs?: number; now?: () => number; maxEntries?: number } = {}): SuspensionStore {
  const { ttlMs = 5_000, now = Date.now, maxEntries = 10_000 } = options;
  const cache = new Map<string, { value: Awaited<ReturnType<SuspensionStore["getSuspension"]>>; expires: number }>();
  return {
    recordBlock: (keyId, at, window) => store.recordBlock(keyId, at, window),
    async suspend(keyId, until, reason) {
      await store.suspend(keyId, until, reason);
      cache.set(keyId, { value: { until, reason }, expires: now() + ttlMs });
    },
    async getSuspension(keyId) {
      const hit = cache.get(keyId);
      const at = now();
      if (hit && hit.expires > at) return hit.value && hit.value.until > at ? hit.value : null;
      const value = await store.getSuspension(keyId);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(keyId, { value, expires: at + ttlMs });
      return value;
    },
    list: () => store.list(),
    async lift(keyId) {
      await store.lift(keyId);
      cache.delete(keyId);
    },
  };
}
