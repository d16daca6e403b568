// Opens the request's audit draft and writes exactly one record when the response is done — for streams, when the
// stream ends or the client goes away — through waitUntil, so the client never waits for the audit write. On the way
// out it adds what every answer carries: request id, Server-Timing, overhead, and the screening verdict.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { completeAuditRecord } from "../../../shared/audit/record";
import { applyAutomatedResponse } from "../../../shared/response/auto-suspend";
import type { AppEnv, AuditDraft } from "../../app-env";
import { runInBackground } from "../../respond-error";

export function auditRequest() {
  return createMiddleware<AppEnv>(async function auditRequest(c, next) {
    const started = performance.now();
    c.set("audit", { latencyMs: {}, errors: [], failOpen: [], findings: [] });
    await next();
    const draft = c.get("audit");
    const handlerMs = performance.now() - started;
    draft.latencyMs.overhead = round(gatewayOverheadMs({ handlerMs, latencyMs: draft.latencyMs }));
    setTimingHeaders({ response: c.res, latencyMs: draft.latencyMs, streamed: c.get("responseDone") !== undefined });
    setVerdictHeaders({ response: c.res, draft });
    // Errors are built as plain Responses, which skip Hono's header: every answer names its request id.
    if (!c.res.headers.has("x-request-id")) trySetHeader(c.res, "x-request-id", c.get("requestId"));
    const write = writeRecord({ c, started, handlerMs });
    runInBackground(c, write.catch((error) => console.error("edgeguard: audit write failed", String(error))));
  });
}

/** Once the response is done: completes the draft, applies the automated response and writes the record. */
async function writeRecord(options: { c: Context<AppEnv>; started: number; handlerMs: number }): Promise<void> {
  const { c, started, handlerMs } = options;
  const deps = c.get("deps");
  const draft = c.get("audit");
  await c.get("responseDone")?.catch(() => undefined);
  draft.latencyMs.total = round(performance.now() - started);
  draft.latencyMs.handler ??= round(handlerMs);
  const record = completeAuditRecord({
    draft,
    facts: {
      requestId: c.get("requestId"),
      time: new Date(deps.now()).toISOString(),
      route: c.req.path, // the path the router matched (parsing the URL again was ~9 µs a request)
      method: c.req.method,
      status: c.res.status,
      action: draft.action ?? (c.res.status >= 400 ? "error" : "allow"),
    },
  });
  // Automated response: a blocked prompt counts against its key and may suspend it (policy.autoSuspend).
  const { record: final } = await applyAutomatedResponse({ record, policy: c.get("caller")?.policy, store: deps.suspensions, now: deps.now });
  await deps.auditSink.write(final);
}

/** Time spent in the gateway: everything the handler did except waiting for the provider (headers or whole body). */
function gatewayOverheadMs(options: { handlerMs: number; latencyMs: Record<string, number> }): number {
  const { latencyMs } = options;
  const upstream = latencyMs.upstreamTotal ?? latencyMs.upstreamFirstByte ?? 0;
  return Math.max(0, options.handlerMs - upstream);
}

const TIMING_NAMES: Record<string, string> = {
  auth: "auth",
  rateLimit: "ratelimit",
  promptScreen: "screen-prompt",
  upstreamFirstByte: "upstream-first-byte",
  upstreamTotal: "upstream",
  outputScreen: "screen-output",
  overhead: "overhead",
};

/** Server-Timing on every response; x-edgeguard-overhead-ms on non-streamed ones (a stream's total is not known yet). */
function setTimingHeaders(options: { response: Response; latencyMs: Record<string, number>; streamed: boolean }): void {
  const parts = Object.entries(TIMING_NAMES)
    .filter(([key]) => options.latencyMs[key] !== undefined)
    .map(([key, name]) => `${name};dur=${options.latencyMs[key].toFixed(2)}`);
  try {
    options.response.headers.set("server-timing", parts.join(", "));
    if (!options.streamed) options.response.headers.set("x-edgeguard-overhead-ms", options.latencyMs.overhead.toFixed(2));
  } catch {
    // Immutable headers (a response passed through as-is): timings stay in the audit record.
  }
}

/**
 * What screening decided, for the caller's code: x-edgeguard-action (allow, flag, redact, block) and
 * x-edgeguard-categories (what was found and acted on, no scores, no text; shadow findings never show). A streamed
 * answer's headers leave before its text is screened, so they tell what the prompt's screening found.
 */
function setVerdictHeaders(options: { response: Response; draft: AuditDraft }): void {
  const { response, draft } = options;
  if (draft.action === undefined || draft.action === "error") return;
  trySetHeader(response, "x-edgeguard-action", draft.action);
  const categories = [...new Set((draft.findings ?? []).filter((finding) => !finding.shadow).map((finding) => finding.category))].sort();
  if (categories.length > 0) trySetHeader(response, "x-edgeguard-categories", categories.join(","));
}

function trySetHeader(response: Response, name: string, value: string): void {
  try {
    response.headers.set(name, value);
  } catch {
    // immutable headers: the id is still in the audit record
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
