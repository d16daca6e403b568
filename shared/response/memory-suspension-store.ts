// In-memory SuspensionStore (Node and tests): an exact sliding window of block times per key, and suspensions that
// end by themselves when the injected clock passes `until`. One process only; state is lost on restart.
import type { Suspension, SuspensionStore } from "./suspension-store";

export function createMemorySuspensionStore(options: { now?: () => number; maxBlocksPerKey?: number } = {}): SuspensionStore {
  const now = options.now ?? Date.now;
  // A key's list only needs to be as long as the largest threshold; the cap bounds memory under a flood.
  const maxBlocksPerKey = options.maxBlocksPerKey ?? 10_000;
  const blocks = new Map<string, number[]>();
  const suspensions = new Map<string, Suspension>();

  function active(keyId: string): Suspension | null {
    const suspension = suspensions.get(keyId);
    if (!suspension) return null;
    if (suspension.until > now()) return suspension;
    suspensions.delete(keyId);
    return null;
  }

  return {
    async recordBlock(keyId, at, { withinSeconds }) {
      const since = at - withinSeconds * 1000;
      const times = (blocks.get(keyId) ?? []).filter((time) => time > since);
      times.push(at);
      if (times.length > maxBlocksPerKey) times.splice(0, times.length - maxBlocksPerKey);
      blocks.set(keyId, times);
      return times.filter((time) => time <= at).length;
    },
    async suspend(keyId, until, reason) {
      suspensions.set(keyId, { keyId, until, reason, since: now() });
    },
    async getSuspension(keyId) {
      const suspension = active(keyId);
      return suspension && { until: suspension.until, reason: suspension.reason };
    },
    async list() {
      return [...suspensions.keys()].map(active).filter((s): s is Suspension => s !== null);
    },
    async lift(keyId) {
      suspensions.delete(keyId);
      blocks.delete(keyId);
    },
  };
}
