// Opens the request's audit draft and writes exactly one record when the response is done — for streams, when the
// stream ends or the client goes away — through waitUntil, so the client never waits for the audit write.
import { createMiddleware } from "hono/factory";
import { auditRecordSchema, type AuditRecord } from "../../../shared/audit/record";
import type { AppEnv } from "../../app-env";
import { runInBackground } from "../../respond-error";

export function auditRequest() {
  return createMiddleware<AppEnv>(async function auditRequest(c, next) {
    const started = performance.now();
    const deps = c.var.deps;
    c.set("audit", { latencyMs: {}, errors: [], failOpen: [], findings: [] });
    await next();
    const draft = c.var.audit;
    const handlerMs = performance.now() - started;
    const write = async () => {
      await c.var.responseDone?.catch(() => undefined);
      draft.latencyMs.total = round(performance.now() - started);
      draft.latencyMs.handler ??= round(handlerMs);
      const record: AuditRecord = auditRecordSchema.parse({
        ...draft,
        requestId: c.var.requestId,
        time: new Date(deps.now()).toISOString(),
        route: new URL(c.req.url).pathname,
        method: c.req.method,
        status: c.res.status,
        action: draft.action ?? (c.res.status >= 400 ? "error" : "allow"),
      });
      await deps.auditSink.write(record);
    };
    runInBackground(c, write().catch((error) => console.error("edgeguard: audit write failed", String(error))));
  });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
