// A chat resends its whole history with every turn: screening one such request, in µs per request. Each body is
// parsed afresh (a server's texts are new strings every time, so nothing is pre-hashed), extracted and screened with
// the default input detectors, with the clean-text cache (the history known clean, only the new turn screened) and
// without it; parsing and extraction alone are measured too, so the screening's own share can be read off.
// `npm run bench` prints it.
import { DEFAULT_POLICY } from "../../shared/policy/schema";
import { createCleanTextCache } from "../../shared/screening/engine/clean-text-cache";
import { screenParts } from "../../shared/screening/engine/screen-parts";
import { extractOpenAIChat } from "../../shared/screening/extract/openai-chat";
import { defaultDetectors } from "../../shared/screening/registry";

export const CONVERSATION_TURNS = 20;

export interface ConversationRow {
  measure: string;
  usPerRequest: number;
}

/** A travel-desk chat of `turns` messages after its system prompt, and a body builder for its next turn. */
function conversation(turns: number): { historyChars: number; nextBody: () => string } {
  const history = Array.from({ length: turns }, (_, i) =>
    i % 2
      ? { role: "assistant", content: `Answer ${i}: ${"The schedule lists three departures in the morning and two after lunch, all with seats left. ".repeat(4)}` }
      : { role: "user", content: `Question ${i}: ${"Which of the trains to Bergen on Sunday has a quiet coach and a dining car? ".repeat(2)}` },
  );
  let n = 0;
  const messages = [{ role: "system", content: "You are the travel desk." }, ...history];
  return {
    historyChars: history.reduce((sum, message) => sum + message.content.length, 0),
    nextBody: () => JSON.stringify({ model: "m", messages: [...messages, { role: "user", content: `And the next one, number ${n++}?` }] }),
  };
}

export async function benchConversation(options: { batches?: number; runs?: number } = {}): Promise<ConversationRow[]> {
  const { batches = 12, runs = 300 } = options;
  const detectors = defaultDetectors();
  const cache = createCleanTextCache();
  const { historyChars, nextBody } = conversation(CONVERSATION_TURNS);
  const scope = { tenant: "bench", endUser: "traveller" };
  const parsed = () => extractOpenAIChat({ body: JSON.parse(nextBody()), scanRoles: DEFAULT_POLICY.scanRoles }).parts;
  const cases = {
    cached: () => screenParts({ parts: parsed(), direction: "input", policy: DEFAULT_POLICY, detectors, cleanTexts: { cache, scope } }),
    uncached: () => screenParts({ parts: parsed(), direction: "input", policy: DEFAULT_POLICY, detectors }),
    parseOnly: () => parsed(),
  };
  const best = { cached: Infinity, uncached: Infinity, parseOnly: Infinity };
  for (let b = 0; b <= batches; b++) {
    for (const name of Object.keys(cases) as Array<keyof typeof cases>) {
      const started = performance.now();
      for (let i = 0; i < runs; i++) await cases[name]();
      // The first batch is the warm-up (JIT, the cache filling with the history).
      if (b > 0) best[name] = Math.min(best[name], ((performance.now() - started) * 1000) / runs);
    }
  }
  const round = (us: number) => Math.round(us * 10) / 10;
  const turns = `${CONVERSATION_TURNS}-turn chat request (${(historyChars / 1024).toFixed(1)} KB of history)`;
  return [
    { measure: `${turns}, parsed, extracted and screened, the history known clean (clean-text cache): µs per request`, usPerRequest: round(best.cached) },
    { measure: `the same, every text screened (no cache): µs per request`, usPerRequest: round(best.uncached) },
    { measure: `the same, building, parsing and extracting the body alone: µs per request`, usPerRequest: round(best.parseOnly) },
  ];
}
