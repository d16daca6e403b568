// Composes the edgeguard apps behind the stages every request passes: request id, dependencies, audit, body limit.
// The same app is the Worker's fetch handler (workers/index.ts) and the Node server (workers/node.ts).
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { errorResponse } from "../shared/api/errors";
import { admin } from "./admin";
import type { AppEnv, Env, GatewayDeps } from "./app-env";
import { gateway } from "./gateway";
import { guard } from "./guard";
import { auditRequest } from "./middleware/audit-request/audit-request";
import { limitBody } from "./middleware/body-limit/body-limit";
import { limitByClientIp } from "./middleware/ip-limit/ip-limit";
import { provideDeps } from "./middleware/provide-deps/provide-deps";

export function createApp(options: {
  resolveDeps: (env: Env) => GatewayDeps | Promise<GatewayDeps>;
  /** Runtime-specific routes behind the same stages (Node adds GET /metrics). */
  extend?: (app: Hono<AppEnv>) => void;
}) {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.use("*", requestId({ generator: () => crypto.randomUUID() }));
  app.use("*", provideDeps({ resolve: options.resolveDeps }));
  app.use("*", auditRequest());
  app.use("*", limitByClientIp());
  app.use("*", limitBody());
  app.route("/", gateway);
  app.route("/", guard);
  app.route("/admin", admin);
  options.extend?.(app);
  app.notFound((c) =>
    errorResponse({ dialect: c.get("dialect") ?? "openai", error: { reason: "not_found", message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.` } }),
  );
  app.onError((error, c) => {
    c.get("audit")?.errors.push(error instanceof Error ? error.name : "error");
    console.error("edgeguard: unhandled error", error instanceof Error ? error.stack : String(error));
    return errorResponse({ dialect: c.get("dialect") ?? "openai", error: { reason: "internal_error", message: "Internal gateway error." } });
  });
  return app;
}
