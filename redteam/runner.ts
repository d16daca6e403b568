// Sends cases to a gateway with a concurrency limit, a timeout per request, bounded retries for transient errors,
// and rate-limit awareness: a 429 pauses *every* worker until its Retry-After has passed, then the case is retried.
// A fatal answer (bad key, missing route) stops the run. Clock, sleep and fetch are injected for tests.
import { metricFor, type CaseOutcome, type RedteamCase } from "./case";
import { buildRequest, interpretResponse, unsupportedReason, type Interpretation, type TargetOptions } from "./targets";

export interface RunOptions extends TargetOptions {
  cases: readonly RedteamCase[];
  concurrency?: number;
  timeoutMs?: number;
  /** Attempts per case for transient errors (5xx, timeouts, connection errors). */
  maxAttempts?: number;
  /** 429 answers tolerated per case before it is reported as an error. */
  maxRateLimitRetries?: number;
  /** Longest single wait for a Retry-After; a longer one is waited this long, then retried. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onOutcome?: (outcome: CaseOutcome) => void;
}

export interface RunResult {
  /** In suite order; cases not reached after a fatal error are absent. */
  outcomes: CaseOutcome[];
  fatal?: { reason: string };
  /** True when no case got any HTTP answer at all (connection refused, DNS, timeouts). */
  unreachable: boolean;
  rateLimitWaits: number;
  retries: number;
  durationMs: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function outcomeFor(testCase: RedteamCase, verdict: Extract<Interpretation, { kind: "verdict" }>): CaseOutcome {
  const blocked = verdict.action === "block";
  const category = testCase.category;
  const caught =
    blocked || (category !== null && metricFor(category) === "caught" && verdict.action !== "allow" && verdict.findingCategories.includes(category));
  return { case: testCase, status: "done", action: verdict.action, blocked, caught, findingCategories: verdict.findingCategories };
}

export async function runSuite(options: RunOptions): Promise<RunResult> {
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 8;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const started = now();
  const outcomes: Array<CaseOutcome | undefined> = new Array(options.cases.length);
  const state = { next: 0, pausedUntil: 0, fatal: undefined as { reason: string } | undefined, answered: 0, rateLimitWaits: 0, retries: 0 };

  async function waitForPause(): Promise<void> {
    while (state.pausedUntil > now()) await sleep(state.pausedUntil - now());
  }

  async function attempt(testCase: RedteamCase): Promise<Interpretation> {
    const { url, init } = buildRequest({ ...options, testCase });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      const text = await response.text();
      state.answered++;
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return interpretResponse({ via: options.via, status: response.status, retryAfter: response.headers.get("retry-after"), body, now: now() });
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : `request failed: ${error instanceof Error ? (error.cause as Error)?.message ?? error.message : String(error)}`;
      return { kind: "transient", reason };
    } finally {
      clearTimeout(timer);
    }
  }

  async function runCase(testCase: RedteamCase): Promise<CaseOutcome | undefined> {
    const unsupported = unsupportedReason({ via: options.via, testCase });
    if (unsupported) return { case: testCase, status: "skipped", reason: unsupported };
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      await waitForPause();
      if (state.fatal) return undefined;
      const result = await attempt(testCase);
      switch (result.kind) {
        case "verdict":
          return outcomeFor(testCase, result);
        case "fatal":
          state.fatal ??= { reason: result.reason };
          return undefined;
        case "case_error":
          return { case: testCase, status: "error", reason: result.reason };
        case "rate_limited": {
          if (++rateLimited > maxRateLimitRetries) return { case: testCase, status: "error", reason: `still rate-limited after ${maxRateLimitRetries} waits` };
          // Without Retry-After, back off exponentially (0.5 s, 1 s, 2 s, …).
          const wait = Math.min(result.retryAfterMs ?? 500 * 2 ** (rateLimited - 1), maxRetryAfterMs);
          state.pausedUntil = Math.max(state.pausedUntil, now() + wait);
          state.rateLimitWaits++;
          break;
        }
        case "transient":
          if (++failures >= maxAttempts) return { case: testCase, status: "error", reason: result.reason };
          state.retries++;
          await sleep(250 * 2 ** (failures - 1));
          break;
      }
    }
  }

  async function worker(): Promise<void> {
    while (!state.fatal && state.next < options.cases.length) {
      const index = state.next++;
      const outcome = await runCase(options.cases[index]);
      if (!outcome) continue;
      outcomes[index] = outcome;
      options.onOutcome?.(outcome);
    }
  }

  const workers = Math.max(1, Math.min(options.concurrency ?? 8, options.cases.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  const done = outcomes.filter((o): o is CaseOutcome => o !== undefined);
  return {
    outcomes: done,
    fatal: state.fatal,
    unreachable: state.answered === 0 && done.some((o) => o.status === "error"),
    rateLimitWaits: state.rateLimitWaits,
    retries: state.retries,
    durationMs: now() - started,
  };
}
