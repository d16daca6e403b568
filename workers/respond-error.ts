// Ends a request with a gateway error in the caller's API dialect and notes the reason in the audit draft.
import type { Context } from "hono";
import { errorResponse, type GatewayError } from "../shared/api/errors";
import type { AppEnv } from "./app-env";

export function respondError(c: Context<AppEnv>, error: GatewayError & { auditReason?: string }, headers?: Record<string, string>): Response {
  const audit = c.get("audit");
  if (audit) audit.reason = error.auditReason ?? error.reason;
  return errorResponse({ dialect: c.get("dialect") ?? "openai", error, headers });
}

/** Hands background work to the runtime: `waitUntil` on Workers, the Node server's tracker elsewhere. */
export function runInBackground(c: Context<AppEnv>, work: Promise<unknown>): void {
  let ctx: ExecutionContext | undefined;
  try {
    ctx = c.executionCtx as ExecutionContext;
  } catch {
    ctx = undefined; // app.request() in unit tests has no execution context: the promise still runs
  }
  ctx?.waitUntil(work.catch(() => undefined));
}
