// The last stage: route the model to its providers, call them (retry, fallback), screen the answer on its way back
// and reply in the caller's dialect. Streams are screened as they flow; the audit record waits for their end.
import type { Context } from "hono";
import { forwardWithFallback } from "../../../shared/providers/forward";
import type { Surface } from "../../../shared/providers/types";
import type { AppEnv } from "../../app-env";
import { requestSignal } from "../../request-io";
import { respondError, runInBackground } from "../../respond-error";
import { ANSWER_SURFACES, screenStreamedAnswer, screenWholeAnswer, type ScreeningContext } from "./screen-answer";

/** Client headers a provider may see; credentials and everything else stay behind. */
const PASS_HEADERS = ["anthropic-beta", "openai-beta"];

/**
 * OpenAI-dialect streams report usage only when asked: ask, so token budgets settle on real usage, and hide the
 * extra chunk from clients that did not ask for it themselves.
 */
function withStreamUsage(body: Record<string, unknown>): { body: Record<string, unknown>; hideUsageChunk: boolean } {
  const options = (body.stream_options ?? {}) as { include_usage?: boolean };
  if (options.include_usage === true) return { body, hideUsageChunk: false };
  return { body: { ...body, stream_options: { ...options, include_usage: true } }, hideUsageChunk: true };
}

export function forwardToProvider(options: { surface: Surface }) {
  const answerSurface = ANSWER_SURFACES[options.surface];
  return async function forwardToProvider(c: Context<AppEnv>): Promise<Response> {
    const deps = c.get("deps");
    const audit = c.get("audit");
    const requestBody = c.get("body")!;
    const model = String(requestBody.model);
    const route = deps.router.route({ model, surface: options.surface });
    if (!route.ok) {
      return respondError(c, {
        reason: "model_not_found",
        message: `The model \`${model.slice(0, 100)}\` does not exist or is not available on this route.`,
        param: "model",
        auditReason: route.reason,
      });
    }
    const passHeaders: Record<string, string> = {};
    for (const name of PASS_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) passHeaders[name] = value;
    }
    const stream = requestBody.stream === true;
    const usage = stream && options.surface === "chat" ? withStreamUsage(requestBody) : { body: requestBody, hideUsageChunk: false };
    const started = performance.now();
    const result = await forwardWithFallback({
      candidates: route.candidates,
      surface: options.surface,
      model,
      body: usage.body,
      stream,
      passHeaders,
      signal: requestSignal(c),
      fetch: deps.upstreamFetch,
    });
    audit.upstreamAttempts = result.attempts;
    if (!result.ok && result.reason === "client_disconnected") {
      audit.reason = result.reason;
      return new Response(null, { status: result.status }); // nobody is left to read it; the audit says what happened
    }
    if (!result.ok) {
      return respondError(c, {
        reason: result.status === 504 ? "upstream_timeout" : "upstream_error",
        message: result.status === 504 ? "The model provider timed out." : "The model provider is unavailable.",
        auditReason: result.reason,
      });
    }
    audit.provider = result.provider;
    audit.latencyMs.upstreamFirstByte = result.firstByteMs;
    const contentType = result.headers.get("content-type") ?? "application/json";

    if (result.stream) {
      const source = result.stream;
      const screened = answerSurface
        ? screenStreamedAnswer({ context: screeningContext(c), surface: answerSurface, source, hideUsageChunk: usage.hideUsageChunk, signal: requestSignal(c) })
        : { body: source, done: Promise.resolve() };
      c.set("responseDone", screened.done.then(() => void (audit.latencyMs.upstreamTotal = performance.now() - started)));
      return new Response(screened.body, { status: result.status, headers: { "content-type": contentType, "cache-control": "no-cache" } });
    }
    audit.latencyMs.upstreamTotal = performance.now() - started;
    const text = result.text ?? "";
    if (!answerSurface || result.status >= 400) {
      if (result.status < 400) audit.tokens = tokensOf(text);
      return new Response(text, { status: result.status, headers: { "content-type": contentType } });
    }
    const screened = await screenWholeAnswer({ context: screeningContext(c), surface: answerSurface, text, signal: requestSignal(c) });
    if (screened.outcome === "unreadable") {
      return respondError(c, { reason: "upstream_error", message: "The model provider sent an answer that is not valid JSON.", auditReason: "upstream_unreadable" });
    }
    if (screened.outcome === "blocked") {
      audit.reason = "output_blocked";
      return new Response(screened.text, { status: 400, headers: { "content-type": "application/json" } });
    }
    return new Response(screened.text, { status: result.status, headers: { "content-type": "application/json" } });
  };
}

/** What answer screening reads from the context, built once (each `c.var` read would copy every variable). */
function screeningContext(c: Context<AppEnv>): ScreeningContext {
  return {
    deps: c.get("deps"),
    caller: c.get("caller"),
    vault: c.get("vault"),
    systemPrompt: c.get("systemPrompt"),
    audit: c.get("audit"),
    background: (work) => runInBackground(c, work),
  };
}

/** Usage of answers no surface reads (embeddings): prompt tokens only. */
function tokensOf(text: string): { input?: number; output?: number } {
  try {
    const usage = (JSON.parse(text) as { usage?: { prompt_tokens?: number } }).usage;
    return usage?.prompt_tokens !== undefined ? { input: usage.prompt_tokens } : {};
  } catch {
    return {};
  }
}
