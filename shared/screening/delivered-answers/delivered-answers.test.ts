import { describe, expect, it } from "vitest";
import { createMemoryKv } from "../../store/memory-kv";
import { answerFingerprint, createDeliveredAnswers, DELIVERED_ANSWER_PREFIX } from "./delivered-answers";

const ANSWER = "As an AI language model, I don't have personal opinions, but I can explain both sides.";

/** A memory KV that records each put's options (memory-kv keeps only values). */
function recordingKv() {
  const kv = createMemoryKv();
  const puts: Array<{ key: string; value: string; options: unknown }> = [];
  const put = kv.put.bind(kv);
  kv.put = (async (key: string, value: string, options?: unknown) => {
    puts.push({ key, value, options });
    await put(key, value);
  }) as typeof kv.put;
  return { kv, puts };
}

describe("delivered answers", () => {
  it("knows a delivered text for its tenant only, whatever its whitespace, and nothing else", async () => {
    const answers = createDeliveredAnswers();
    await answers.remember({ tenant: "acme", texts: [ANSWER] });
    expect(await answers.knows({ tenant: "acme", text: ANSWER })).toBe(true);
    expect(await answers.knows({ tenant: "acme", text: `\n  ${ANSWER.replace(/ /g, "  ")}\t` })).toBe(true);
    expect(await answers.knows({ tenant: "globex", text: ANSWER })).toBe(false);
    expect(await answers.knows({ tenant: "acme", text: ANSWER.replace("both", "all") })).toBe(false);
    expect(await answers.knows({ tenant: "acme", text: ANSWER.toUpperCase() })).toBe(false);
  });

  it("keeps tenant and text apart in the fingerprint: no tenant/text split gives another's", async () => {
    expect(await answerFingerprint({ tenant: "a", text: "b c" })).not.toBe(await answerFingerprint({ tenant: "a b", text: "c" }));
  });

  it("does not remember texts too short to be worth a lookup", async () => {
    const answers = createDeliveredAnswers();
    await answers.remember({ tenant: "acme", texts: ["Sure.", "   Yes, I can.   "] });
    expect(await answers.knows({ tenant: "acme", text: "Sure." })).toBe(false);
    expect(await answers.knows({ tenant: "acme", text: "Yes, I can." })).toBe(false);
  });

  it("forgets an answer once its retention has passed", async () => {
    let clock = 1_000_000;
    const answers = createDeliveredAnswers({ retentionSeconds: 60, now: () => clock });
    await answers.remember({ tenant: "acme", texts: [ANSWER] });
    clock += 59_000;
    expect(await answers.knows({ tenant: "acme", text: ANSWER })).toBe(true);
    clock += 2_000;
    expect(await answers.knows({ tenant: "acme", text: ANSWER })).toBe(false);
  });

  it("holds at most maxInMemory fingerprints in memory, dropping the oldest", async () => {
    const answers = createDeliveredAnswers({ maxInMemory: 4 });
    const texts = Array.from({ length: 7 }, (_, i) => `answer number ${i} of the day`);
    for (const text of texts) await answers.remember({ tenant: "acme", texts: [text] });
    const known = [];
    for (const text of texts) known.push(await answers.knows({ tenant: "acme", text }));
    expect(known).toEqual([false, false, false, false, true, true, true]);
  });

  it("shares fingerprints through KV: another isolate knows the answer until its retention ends; only a hash is stored", async () => {
    let clock = 1_700_000_000_000;
    const { kv, puts } = recordingKv();
    await createDeliveredAnswers({ kv, retentionSeconds: 3600, now: () => clock }).remember({ tenant: "acme", texts: [ANSWER] });
    const key = `${DELIVERED_ANSWER_PREFIX}${await answerFingerprint({ tenant: "acme", text: ANSWER })}`;
    expect(puts).toEqual([{ key, value: String(clock), options: { expirationTtl: 3600 } }]);
    expect(puts[0].key).toMatch(/^answer:[0-9a-f]{64}$/);
    clock += 3_599_000;
    const elsewhere = createDeliveredAnswers({ kv, retentionSeconds: 3600, now: () => clock });
    expect(await elsewhere.knows({ tenant: "acme", text: ANSWER })).toBe(true);
    expect(await elsewhere.knows({ tenant: "globex", text: ANSWER })).toBe(false);
    clock += 2_000;
    // Past the retention counted from the write, even where the store still holds the entry (memory-kv keeps no TTL).
    expect(await elsewhere.knows({ tenant: "acme", text: ANSWER })).toBe(false);
    expect(await createDeliveredAnswers({ kv, retentionSeconds: 3600, now: () => clock }).knows({ tenant: "acme", text: ANSWER })).toBe(false);
  });

  it("writes an answer delivered again and again once a day, and recognises it from its last write", async () => {
    let clock = 1_700_000_000_000;
    const { kv, puts } = recordingKv();
    const answers = createDeliveredAnswers({ kv, now: () => clock });
    const greeting = "Hello! How can I help you today?";
    for (let i = 0; i < 50; i++) {
      await answers.remember({ tenant: "acme", texts: [greeting] });
      clock += 60_000;
    }
    expect(puts).toHaveLength(1);
    clock = Number(puts[0].value) + 24 * 3600 * 1000;
    await answers.remember({ tenant: "acme", texts: [greeting] });
    expect(puts.map((put) => Number(put.value))).toEqual([1_700_000_000_000, clock]);
    clock += 7 * 24 * 3600 * 1000 - 1;
    expect(await answers.knows({ tenant: "acme", text: greeting })).toBe(true);
    clock += 1;
    expect(await answers.knows({ tenant: "acme", text: greeting })).toBe(false);
  });

  it("never fails a remember on a KV error, and rejects a lookup the KV cannot answer", async () => {
    const kv = createMemoryKv();
    kv.put = (async () => {
      throw new Error("KV down");
    }) as typeof kv.put;
    kv.get = (async () => {
      throw new Error("KV down");
    }) as typeof kv.get;
    const answers = createDeliveredAnswers({ kv });
    await expect(answers.remember({ tenant: "acme", texts: [ANSWER] })).resolves.toBeUndefined();
    // Remembered in this process all the same; a text only KV could know cannot be looked up.
    expect(await answers.knows({ tenant: "acme", text: ANSWER })).toBe(true);
    await expect(answers.knows({ tenant: "acme", text: "an answer from another server" })).rejects.toThrow("KV down");
  });
});
