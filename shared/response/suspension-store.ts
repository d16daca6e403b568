// Where automated response keeps its state: recent blocked prompts per key and active key suspensions. Two
// implementations: in memory (Node, tests; exact sliding window) and Workers KV (bucketed, eventually consistent).
// Times are epoch milliseconds; `now` is injected into each implementation.

export interface Suspension {
  keyId: string;
  /** Epoch ms at which the suspension ends by itself. */
  until: number;
  /** Why, for the admin listing and the audit record (e.g. "auto: 5 blocked prompts within 60 s"). */
  reason: string;
  /** Epoch ms when the suspension was made. */
  since: number;
}

export interface SuspensionStore {
  /** Records one blocked prompt at `at` and returns how many the key has within the last `withinSeconds` (incl. this one). */
  recordBlock(keyId: string, at: number, window: { withinSeconds: number }): Promise<number>;
  suspend(keyId: string, until: number, reason: string): Promise<void>;
  /** The key's suspension if it is still in force now, else null. */
  getSuspension(keyId: string): Promise<Pick<Suspension, "until" | "reason"> | null>;
  /** Suspensions still in force now (admin API). */
  list(): Promise<Suspension[]>;
  /** Ends a suspension early and forgets the key's recent blocks, so the next block does not re-trigger at once. */
  lift(keyId: string): Promise<void>;
}
