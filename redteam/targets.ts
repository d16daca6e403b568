// The ways to reach a gateway: `/v1/guard` (a verdict per text), and the model routes `/v1/chat/completions` and
// `/v1/responses` (blocked = 400 prompt_blocked). Builds the request for a case and reads the answer into one tagged
// interpretation.
import { ACTIONS } from "../shared/policy/schema";
import { CATEGORIES, type Action, type Category } from "../shared/screening/types";
import { CAUGHT_WHEN_NOT_ALLOWED, type RedteamCase } from "./case";

export type Via = "guard" | "chat" | "responses";

/** The route each way posts to. */
export const VIA_PATHS: Record<Via, string> = { guard: "/v1/guard", chat: "/v1/chat/completions", responses: "/v1/responses" };

export interface TargetOptions {
  target: string;
  key: string;
  via: Via;
  /** Model routes only: the model to ask for. */
  model?: string;
}

export type Interpretation =
  | { kind: "verdict"; action: Action; findingCategories: Category[] }
  | { kind: "rate_limited"; retryAfterMs?: number }
  /** Retrying might help (5xx, timeouts, dropped connections). */
  | { kind: "transient"; reason: string }
  /** This case cannot be judged (bad request for this text), the others can. */
  | { kind: "case_error"; reason: string }
  /** Nothing will work (wrong key, route missing): stop the run. */
  | { kind: "fatal"; reason: string };

export const DEFAULT_CHAT_MODEL = "gpt-4o-mini";

/** Why a case cannot be judged through this target, if it cannot. */
export function unsupportedReason(options: { via: Via; testCase: RedteamCase }): string | undefined {
  if (options.via === "guard") return undefined;
  if (options.testCase.direction === "output") return "output-direction cases need --via guard (a model route screens real model answers only)";
  if (options.testCase.category && CAUGHT_WHEN_NOT_ALLOWED.includes(options.testCase.category)) {
    return "redaction is invisible through a model route; use --via guard for pii/secret";
  }
  return undefined;
}

export function buildRequest(options: TargetOptions & { testCase: RedteamCase }): { url: string; init: RequestInit } {
  const base = options.target.replace(/\/+$/, "");
  const headers = { authorization: `Bearer ${options.key}`, "content-type": "application/json" };
  const { testCase } = options;
  if (options.via === "guard") {
    return { url: `${base}/v1/guard`, init: { method: "POST", headers, body: JSON.stringify({ text: testCase.text, direction: testCase.direction }) } };
  }
  // As few output tokens as the API allows (Responses: 16): we only need to know whether the prompt got through, and
  // it keeps a real provider bill tiny.
  const model = options.model ?? DEFAULT_CHAT_MODEL;
  const body =
    options.via === "chat"
      ? { model, messages: [{ role: "user", content: testCase.text }], max_tokens: 1 }
      : { model, input: [{ role: "user", content: testCase.text }], max_output_tokens: 16 };
  return { url: `${base}${VIA_PATHS[options.via]}`, init: { method: "POST", headers, body: JSON.stringify(body) } };
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(options: { value: string | null; now: number }): number | undefined {
  const value = options.value?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - options.now);
}

function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  return typeof error?.code === "string" ? error.code : undefined;
}

function readVerdict(body: unknown): Interpretation {
  const verdict = body as { action?: unknown; findings?: unknown } | null;
  if (!verdict || !ACTIONS.includes(verdict.action as Action) || !Array.isArray(verdict.findings)) {
    return { kind: "case_error", reason: "the answer is not a verdict ({action, findings})" };
  }
  const findingCategories = (verdict.findings as Array<{ category?: unknown }>)
    .map((f) => f?.category)
    .filter((c): c is Category => CATEGORIES.includes(c as Category));
  return { kind: "verdict", action: verdict.action as Action, findingCategories: [...new Set(findingCategories)] };
}

export function interpretResponse(options: { via: Via; status: number; retryAfter: string | null; body: unknown; now: number }): Interpretation {
  const { via, status, body } = options;
  const code = errorCode(body);
  if (status === 429) return { kind: "rate_limited", retryAfterMs: parseRetryAfter({ value: options.retryAfter, now: options.now }) };
  if (status === 401) return { kind: "fatal", reason: "the gateway rejected the key (401)" };
  if (status === 403) return { kind: "fatal", reason: `the key may not call ${VIA_PATHS[via]} (403)` };
  if (status === 404) {
    if (code === "model_not_found") return { kind: "fatal", reason: "the gateway has no route for that model; pass --model" };
    return { kind: "fatal", reason: `${VIA_PATHS[via]} is not served by this target (404)` };
  }
  if (status >= 500) return { kind: "transient", reason: `HTTP ${status}${code ? ` ${code}` : ""}` };
  if (via === "guard") {
    if (status === 200) return readVerdict(body);
    return { kind: "case_error", reason: `HTTP ${status}${code ? ` ${code}` : ""}` };
  }
  if (status === 200) return { kind: "verdict", action: "allow", findingCategories: [] };
  if (status === 400 && code === "prompt_blocked") return { kind: "verdict", action: "block", findingCategories: [] };
  // The prompt was forwarded and the model's answer stopped: the prompt itself got through.
  if (status === 400 && code === "output_blocked") return { kind: "verdict", action: "allow", findingCategories: [] };
  return { kind: "case_error", reason: `HTTP ${status}${code ? ` ${code}` : ""}` };
}
