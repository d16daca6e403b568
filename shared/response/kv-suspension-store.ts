// SuspensionStore over Workers KV (layout also in docs/audit.md):
//   suspension:<keyId>                      JSON Suspension, expirationTtl ≈ until - now (KV's minimum is 60 s, so
//                                           `until` is also checked on read); list metadata {until, reason, since}
//   blocks:<keyId>:<bucketSeconds>:<index>  count of blocked prompts in that time bucket, expirationTtl ≥ window
// KV is eventually consistent (a write can take up to ~60 s to be seen at other locations) and has no atomic
// increment: concurrent blocks from one key may be under-counted and a suspension may take a little while to bite
// everywhere. Acceptable for automated response (it slows abuse; it is not an access-control boundary); a Durable
// Object per key would be the exact alternative. The window is counted in whole buckets of about 1/6 of it, so it
// spans between W and 7W/6: it errs strict (suspends a little more readily), never lenient.
import type { Suspension, SuspensionStore } from "./suspension-store";

export const SUSPENSION_KV_PREFIX = { suspension: "suspension:", blocks: "blocks:" } as const;

const KV_MIN_TTL_SECONDS = 60;
const BUCKETS_PER_WINDOW = 6;

type SuspensionMetadata = Pick<Suspension, "until" | "reason" | "since">;

export function createKvSuspensionStore(options: { kv: KVNamespace; now?: () => number }): SuspensionStore {
  const { kv } = options;
  const now = options.now ?? Date.now;

  async function deletePrefix(prefix: string): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await kv.list({ prefix, cursor });
      await Promise.all(page.keys.map((key) => kv.delete(key.name)));
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
  }

  return {
    async recordBlock(keyId, at, { withinSeconds }) {
      const bucketSeconds = Math.max(1, Math.ceil(withinSeconds / BUCKETS_PER_WINDOW));
      const bucketMs = bucketSeconds * 1000;
      const current = Math.floor(at / bucketMs);
      const first = Math.floor((at - withinSeconds * 1000) / bucketMs);
      const keyFor = (index: number) => `${SUSPENSION_KV_PREFIX.blocks}${keyId}:${bucketSeconds}:${index}`;

      const indexes = Array.from({ length: current - first + 1 }, (_, i) => first + i);
      const counts = await Promise.all(indexes.map(async (index) => Number((await kv.get(keyFor(index))) ?? 0) || 0));
      const mine = counts[counts.length - 1] + 1;
      await kv.put(keyFor(current), String(mine), {
        expirationTtl: Math.max(KV_MIN_TTL_SECONDS, withinSeconds + bucketSeconds + KV_MIN_TTL_SECONDS),
      });
      return counts.slice(0, -1).reduce((sum, count) => sum + count, mine);
    },
    async suspend(keyId, until, reason) {
      const since = now();
      const metadata: SuspensionMetadata = { until, reason, since };
      await kv.put(SUSPENSION_KV_PREFIX.suspension + keyId, JSON.stringify({ keyId, ...metadata } satisfies Suspension), {
        expirationTtl: Math.max(KV_MIN_TTL_SECONDS, Math.ceil((until - since) / 1000)),
        metadata,
      });
    },
    async getSuspension(keyId) {
      const stored = await kv.get<Suspension>(SUSPENSION_KV_PREFIX.suspension + keyId, "json");
      if (!stored || typeof stored.until !== "number" || stored.until <= now()) return null;
      return { until: stored.until, reason: String(stored.reason) };
    },
    async list() {
      const found: Suspension[] = [];
      let cursor: string | undefined;
      do {
        const page = await kv.list<SuspensionMetadata>({ prefix: SUSPENSION_KV_PREFIX.suspension, cursor });
        for (const key of page.keys) {
          const meta = key.metadata;
          if (!meta || meta.until <= now()) continue;
          found.push({ keyId: key.name.slice(SUSPENSION_KV_PREFIX.suspension.length), ...meta });
        }
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return found;
    },
    async lift(keyId) {
      await kv.delete(SUSPENSION_KV_PREFIX.suspension + keyId);
      await deletePrefix(`${SUSPENSION_KV_PREFIX.blocks}${keyId}:`);
    },
  };
}
