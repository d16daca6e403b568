// Answers the gateway delivered to a tenant, remembered by fingerprint so that a chat resending one as history is
// recognised (policy.resentAnswers "delivered"): only a SHA-256 of the tenant and the answer's words is kept, never
// the text. Every process keeps a bounded in-memory set; with a KV namespace (Workers KV, or Redis on Node through
// redis-kv.ts) fingerprints are shared by every isolate and server and survive restarts. A lookup that fails is an
// answer not known, so the text is judged as any other (fail closed).
import { sha256Hex } from "#sha256-hex";

export interface DeliveredAnswers {
  /** Remembers texts the tenant's client received in an answer. Never rejects: a lost write only costs a later lookup. */
  remember(options: { tenant: string; texts: readonly string[] }): Promise<void>;
  /** Whether this text reached the tenant's client in an answer within the retention period. Rejects if the store does. */
  knows(options: { tenant: string; text: string }): Promise<boolean>;
}

/** KV keys of remembered answers (docs/storage-schema.md). */
export const DELIVERED_ANSWER_PREFIX = "answer:";
/** How long an answer is recognised: a conversation resumed a week later has its answers judged again. */
export const DEFAULT_RETENTION_SECONDS = 7 * 24 * 3600;
/** Texts shorter than this are not remembered: too short to carry a finding a resend could be blocked on. */
const MIN_CHARS = 16;

/**
 * The fingerprint of a text delivered to a tenant: whitespace runs count as one space and the ends are trimmed, so
 * an app that trims or re-wraps the answer before storing its history still matches; any other change does not.
 */
export function answerFingerprint(options: { tenant: string; text: string }): Promise<string> {
  return sha256Hex(`edgeguard-answer\u0000${options.tenant}\u0000${options.text.replace(FOLDED_WHITESPACE, " ").trim()}`);
}

/** Whitespace runs other than a single space: the same folding as /\s+/g → " ", without rewriting every single space. */
const FOLDED_WHITESPACE = /\s{2,}|[^\S ]/g;

export function createDeliveredAnswers(
  options: { kv?: KVNamespace; retentionSeconds?: number; maxInMemory?: number; now?: () => number } = {},
): DeliveredAnswers {
  const { kv, retentionSeconds = DEFAULT_RETENTION_SECONDS, maxInMemory = 20_000, now = Date.now } = options;
  const retentionMs = retentionSeconds * 1000;
  // A fingerprint is written (to KV too) at most once a day per process: an answer delivered again and again (a
  // greeting, a canned reply) costs one write, not one per delivery. Its recognition runs from that write.
  const rewriteAfterMs = Math.min(24 * 3600 * 1000, retentionMs / 2);
  // Fingerprint → when it was written, in two generations: when the newer one is full the older is dropped whole. A
  // Map evicting its first entry one at a time slows down as deleted slots pile up at its front (3-8 µs an eviction
  // at 20,000 entries on Node 20); two generations cost O(1) and hold maxInMemory / 2 to maxInMemory.
  let newer = new Map<string, number>();
  let older = new Map<string, number>();

  function keep(fingerprint: string, writtenAt: number): void {
    if (newer.size >= Math.max(1, maxInMemory >> 1)) {
      older = newer;
      newer = new Map();
    }
    newer.set(fingerprint, writtenAt);
  }

  return {
    async remember({ tenant, texts }) {
      const fingerprints = await Promise.all(texts.filter((text) => text.trim().length >= MIN_CHARS).map((text) => answerFingerprint({ tenant, text })));
      const at = now();
      const written: string[] = [];
      for (const fingerprint of fingerprints) {
        const last = newer.get(fingerprint) ?? older.get(fingerprint);
        if (last !== undefined && at - last < rewriteAfterMs) continue;
        keep(fingerprint, at);
        written.push(fingerprint);
      }
      if (!kv) return;
      // KV refuses expirations under 60 s. The value is the write time, so another process recognises it as long.
      const expirationTtl = Math.max(60, retentionSeconds);
      await Promise.all(written.map((fingerprint) => kv.put(DELIVERED_ANSWER_PREFIX + fingerprint, String(at), { expirationTtl }).catch(() => undefined)));
    },
    async knows({ tenant, text }) {
      const fingerprint = await answerFingerprint({ tenant, text });
      const at = now();
      const last = newer.get(fingerprint) ?? older.get(fingerprint);
      if (last !== undefined && at - last < retentionMs) {
        if (!newer.has(fingerprint)) keep(fingerprint, last);
        return true;
      }
      const stored = kv ? await kv.get(DELIVERED_ANSWER_PREFIX + fingerprint) : null;
      if (stored === null) return false;
      const writtenAt = Number(stored) || at;
      // The store's own expiry is the bound; this only guards against one that keeps entries a little longer.
      if (at - writtenAt >= retentionMs) return false;
      keep(fingerprint, writtenAt);
      return true;
    },
  };
}
