// The last stage: route the model to its providers, call them (retry, fallback), screen the answer on its way back
// and reply in the caller's dialect. Streams are relayed as they arrive; the audit record waits for their end.
import type { Context } from "hono";
import { forwardWithFallback } from "../../../shared/providers/forward";
import type { Surface } from "../../../shared/providers/types";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";
import { relayStream } from "./relay-stream";

/** Client headers a provider may see; credentials and everything else stay behind. */
const PASS_HEADERS = ["anthropic-beta", "openai-beta"];

export function forwardToProvider(options: { surface: Surface }) {
  return async function forwardToProvider(c: Context<AppEnv>): Promise<Response> {
    const { deps, audit } = c.var;
    const body = c.var.body!;
    const model = String(body.model);
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
    const stream = body.stream === true;
    const started = performance.now();
    const result = await forwardWithFallback({
      candidates: route.candidates,
      surface: options.surface,
      model,
      body,
      stream,
      passHeaders,
      signal: c.req.raw.signal,
    });
    audit.upstreamAttempts = result.attempts;
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
      const relay = relayStream({ source: result.stream, dialect: c.var.dialect });
      c.set(
        "responseDone",
        relay.done.then((outcome) => {
          audit.streamOutcome = outcome;
          audit.latencyMs.upstreamTotal = performance.now() - started;
        }),
      );
      return new Response(relay.body, {
        status: result.status,
        headers: { "content-type": contentType, "cache-control": "no-cache" },
      });
    }
    audit.latencyMs.upstreamTotal = performance.now() - started;
    return new Response(result.text, { status: result.status, headers: { "content-type": contentType } });
  };
}
