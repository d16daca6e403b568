// Token budgets on the in-memory backend with an injected clock: reserve an estimate, settle against actual usage,
// refunds (same window only), refused reservations leave no trace, the daily budget; and the estimate itself.
import { describe, expect, it } from "vitest";
import { estimatePromptTokens, estimateRequestTokens, estimateTextTokens } from "./estimate-tokens";
import { createMemoryBackend } from "./memory-limiter";
import { createTokenBudget } from "./token-budget";

const MINUTE = 60_000;
function setup(options: { tokens?: { limit: number; window: string }; dailyTokens?: number; start?: number }) {
  let at = options.start ?? 1_000 * MINUTE;
  const now = () => at;
  const backend = createMemoryBackend({ now, warn: () => undefined });
  const budget = createTokenBudget({ backend, tokens: options.tokens, dailyTokens: options.dailyTokens, now, prefix: `t${Math.random()}` });
  return { budget, advance: (ms: number) => (at += ms) };
}

describe("token budget", () => {
  it("charges the estimate, then settles the difference up to the actual usage", async () => {
    const { budget } = setup({ tokens: { limit: 1_000, window: "1 m" } });
    const first = await budget.reserve({ identity: "k", estimate: 300 });
    expect(first.decisions[0]).toMatchObject({ success: true, remaining: 700, policyName: "tokens" });
    const settled = await first.settle({ actualTokens: 450 });
    expect(settled.adjustments[0]).toMatchObject({ delta: 150 });
    expect(settled.adjustments[0].decision).toMatchObject({ remaining: 550 });
    const second = await budget.reserve({ identity: "k", estimate: 0 });
    expect(second.decisions[0].remaining).toBe(550);
  });

  it("refunds an over-estimate within the same window, and settles only once", async () => {
    const { budget } = setup({ tokens: { limit: 1_000, window: "1 m" } });
    const reservation = await budget.reserve({ identity: "k", estimate: 600 });
    await reservation.settle({ actualTokens: 100 });
    await reservation.settle({ actualTokens: 100 });
    expect((await budget.reserve({ identity: "k", estimate: 0 })).decisions[0].remaining).toBe(900);
  });

  it("drops a refund once the window has rolled over (no budget granted in the new window)", async () => {
    const { budget, advance } = setup({ tokens: { limit: 1_000, window: "1 m" } });
    const reservation = await budget.reserve({ identity: "k", estimate: 600 });
    advance(MINUTE);
    const settled = await reservation.settle({ actualTokens: 100 });
    expect(settled.adjustments[0].delta).toBe(0);
    expect((await budget.reserve({ identity: "k", estimate: 0 })).decisions[0].remaining).toBe(1_000);
  });

  it("charges usage beyond the limit after the fact, so the next request is refused", async () => {
    const { budget } = setup({ tokens: { limit: 1_000, window: "1 m" } });
    const reservation = await budget.reserve({ identity: "k", estimate: 100 });
    await reservation.settle({ actualTokens: 1_500 }); // a long streamed answer
    const next = await budget.reserve({ identity: "k", estimate: 1 });
    expect(next.success).toBe(false);
    expect(next.denied?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("refuses an estimate that does not fit and leaves no trace of it", async () => {
    const { budget } = setup({ tokens: { limit: 1_000, window: "1 m" } });
    await (await budget.reserve({ identity: "k", estimate: 700 })).settle({ actualTokens: 700 });
    const refused = await budget.reserve({ identity: "k", estimate: 400 });
    expect(refused.success).toBe(false);
    expect(await refused.settle({ actualTokens: 400 })).toEqual({ adjustments: [] });
    expect((await budget.reserve({ identity: "k", estimate: 300 })).success).toBe(true);
  });

  it("applies the daily budget across windows and refunds the window charge when the day refuses", async () => {
    const { budget, advance } = setup({ tokens: { limit: 1_000, window: "1 m" }, dailyTokens: 1_500 });
    expect((await budget.reserve({ identity: "k", estimate: 900 })).success).toBe(true);
    advance(MINUTE);
    const refused = await budget.reserve({ identity: "k", estimate: 900 });
    expect(refused.success).toBe(false);
    expect(refused.denied?.policyName).toBe("daily-tokens");
    // The minute window got its 900 back: 600 still fits both budgets.
    const fits = await budget.reserve({ identity: "k", estimate: 600 });
    expect(fits.success).toBe(true);
    expect(fits.decisions.map((d) => d.remaining)).toEqual([400, 0]);
  });

  it("is disabled when no token limit is configured", async () => {
    const { budget } = setup({});
    expect(budget.enabled).toBe(false);
    expect(await budget.reserve({ identity: "k", estimate: 10 })).toMatchObject({ success: true, decisions: [] });
  });
});

describe("token estimates", () => {
  it("counts ASCII at 4 characters per token and other code points as one each", () => {
    expect(estimateTextTokens("")).toBe(0);
    expect(estimateTextTokens("abcd")).toBe(1);
    expect(estimateTextTokens("abcde")).toBe(2);
    expect(estimateTextTokens("日本語")).toBe(3);
    expect(estimateTextTokens("😀")).toBe(1);
  });

  it("adds framing per message and the completion allowance", () => {
    expect(estimatePromptTokens("abcd")).toBe(3 + 4 + 1);
    const messages = [{ text: "a".repeat(400) }, { text: "b".repeat(40) }];
    expect(estimateRequestTokens({ promptTokens: estimatePromptTokens({ messages }), maxTokens: 50 })).toBe(3 + 4 + 100 + 4 + 10 + 50);
    expect(estimateRequestTokens({ promptTokens: estimatePromptTokens({ messages: [] }) })).toBe(3 + 1_024);
  });
});
