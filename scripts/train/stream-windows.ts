// A model answer as the gateway's stream screening sees it: cut into token-sized deltas (words, long ones in 3-5
// character pieces, as tokenizers cut them), relayed through the real stream engine, each screened window recorded
// with its `fragment` flag. Shared by the fragment-shift fit (train split) and its evaluation (test split).
import { openAiChatSurface } from "../../shared/streaming/openai-chat-surface";
import type { ScreenFn } from "../../shared/streaming/screening-engine";
import { createStreamScreener } from "../../shared/streaming/stream-screener";
import { openAiEvents, pipeChunks } from "../../shared/streaming/test-fakes";
import { createRandom, type Random } from "./seeded-random";

/** Token-sized deltas of `text`: each word with the whitespace before it; words over 6 characters in 3-5 character pieces. */
export function tokenDeltas(options: { text: string; random: Random }): string[] {
  const { random } = options;
  const deltas: string[] = [];
  for (const match of options.text.matchAll(/\s*\S+|\s+$/g)) {
    const word = match[0];
    if (word.trim().length <= 6) {
      deltas.push(word);
      continue;
    }
    for (let i = 0; i < word.length; ) {
      const size = 3 + Math.floor(random() * 3);
      deltas.push(word.slice(i, i + size));
      i += size;
    }
  }
  return deltas;
}

export interface ScreenedWindow {
  text: string;
  fragment: boolean;
}

/** The windows the stream engine screens for `text` streamed in token deltas (nothing found: every window allowed). */
export async function streamWindows(options: { text: string; seed: number }): Promise<ScreenedWindow[]> {
  const windows: ScreenedWindow[] = [];
  const screen: ScreenFn = (text, window) => {
    windows.push({ text, fragment: window.fragment });
    return { action: "allow", spans: [], findings: [] };
  };
  const deltas = tokenDeltas({ text: options.text, random: createRandom(options.seed) });
  await pipeChunks({ pair: createStreamScreener({ surface: openAiChatSurface, screen }), chunks: openAiEvents({ deltas }) });
  return windows;
}

/** Seeds of the tokenizations each answer is streamed with: one cut is a sample, the fit averages over three. */
export const STREAM_SEEDS = [1, 2, 3] as const;
