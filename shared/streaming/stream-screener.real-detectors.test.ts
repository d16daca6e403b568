// The streaming property again, with the project's real secret and PII detectors behind screenText (DEFAULT_POLICY,
// output direction) instead of the regex fake: the contract holds for the detectors that will actually run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../policy/schema";
import { createPiiDetector } from "../screening/detectors/pii";
import { createSecretDetector } from "../screening/detectors/secret";
import { screenText } from "../screening/engine/screen-text";
import { openAiChatSurface } from "./openai-chat-surface";
import type { ScreenFn } from "./screening-engine";
import { parseSseText } from "./sse-parser";
import { createStreamScreener } from "./stream-screener";
import { openAiEvents, pipeChunks } from "./test-fakes";

const detectors = [createPiiDetector(), createSecretDetector()];
/** The adapter the gateway uses: the engine's redactSpans are exactly the ranges to redact. */
const screen: ScreenFn = async (text) => {
  const result = await screenText({ text, direction: "output", policy: DEFAULT_POLICY, detectors });
  return { action: result.action, spans: result.redactSpans, findings: result.findings };
};

const WORDS = ["here", "is", "the", "token", "you", "wanted:", "please", "rotate", "it", "soon.", "thanks!"];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const chars = (alphabet: string, length: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length }).map((c) => c.join(""));
const secret = fc.oneof(
  chars(ALNUM, 40).map((s) => `sk-proj-${s}`),
  chars(ALNUM, 36).map((s) => `ghp_${s}`),
  chars(UPPER, 16).map((s) => `AKIA${s}`),
  fc.constantFrom("4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005"),
);
const prose = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));

/** `text` cut into deltas at `cuts` (points past its end are ignored). */
function cutAt(text: string, cuts: readonly number[]): string[] {
  const points = [0, ...new Set(cuts.filter((c) => c > 0 && c < text.length))].sort((a, b) => a - b).concat(text.length);
  return points.slice(1).map((p, i) => text.slice(points[i], p));
}

/** `deltas` relayed as an OpenAI chat stream through a screener with the real detectors: what the client reads. */
async function relay(deltas: string[]): Promise<{ client: string; heldBackMax: number }> {
  const pair = createStreamScreener({ surface: openAiChatSurface, screen });
  const out = await pipeChunks({ pair, chunks: openAiEvents({ deltas }) });
  const client = parseSseText(out)
    .filter((e) => e.data !== "[DONE]")
    .map((e) => JSON.parse(e.data).choices[0]?.delta?.content ?? "")
    .join("");
  return { client, heldBackMax: (await pair.outcome).heldBackMax };
}

describe("property with the real detectors", () => {
  it("a key or card cut anywhere never reaches the client; the prose does", async () => {
    await fc.assert(
      fc.asyncProperty(prose, secret, prose, fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 25 }), async (before, key, after, cutList) => {
        const text = `${before} ${key} ${after}`;
        // The contract is about streaming: what screening the whole text catches never leaks when it is cut. A body
        // the detector rejects whole (fast-check's bias draws runs of few letters: low entropy, no digit) is no case.
        fc.pre((await screen(text, { fragment: false, openEnded: false })).spans.length > 0);
        const { client } = await relay(cutAt(text, cutList));
        for (let k = 0; k + 6 <= key.length; k++) expect(client).not.toContain(key.slice(k, k + 6));
        expect(client).toBe(`${before} [REDACTED] ${after}`);
      }),
      { numRuns: 60 },
    );
  });

  it("a password whose value starts like a finished word (\"Hello!x9…\") never leaks its start, however it is cut", async () => {
    const head = fc.tuple(fc.constantFrom("Hello", "Sure", "Yes", "Summer"), fc.constantFrom("!", "?", ")")).map(([w, mark]) => w + mark);
    const value = fc.tuple(head, chars(ALNUM, 12)).map(([start, rest]) => start + rest);
    await fc.assert(
      fc.asyncProperty(prose, value, prose, fc.uniqueArray(fc.integer({ min: 1, max: 80 }), { maxLength: 25 }), async (before, password, after, cutList) => {
        const text = `${before} password: ${password} ${after}`;
        fc.pre((await screen(text, { fragment: false, openEnded: false })).spans.length > 0);
        // Always among the cuts: right after the mark, where the value's first word looks finished.
        const afterMark = text.indexOf(password) + password.search(/[!?)]/) + 1;
        const { client } = await relay(cutAt(text, [...cutList, afterMark]));
        expect(client).toBe(`${before} password: [REDACTED] ${after}`);
      }),
      { numRuns: 60 },
    );
  });

  it("holds an open private-key block until it can be screened whole, however it is cut", async () => {
    const body = Array.from({ length: 6 }, (_, line) => Array.from({ length: 64 }, (_, i) => ALNUM[(line * 7 + i * 13) % 62]).join("")).join("\n");
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    const text = `Here is the key:\n${pem}\nkeep it secret.`;
    for (const size of [3, 10, 17, 64]) {
      const deltas = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      const { client, heldBackMax } = await relay(deltas);
      expect(client).toBe("Here is the key:\n[REDACTED]\nkeep it secret.");
      expect(heldBackMax).toBeGreaterThan(pem.length - size - 40);
    }
  });
});
