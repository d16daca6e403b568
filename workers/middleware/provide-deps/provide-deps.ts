// Puts the isolate's (or process's) dependencies on the context (on Workers built from env on first use), and picks
// the error dialect from the path first thing, so even the earliest refusal (413) speaks the caller's API.
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env, GatewayDeps } from "../../app-env";

export function provideDeps(options: { resolve: (env: Env) => GatewayDeps | Promise<GatewayDeps> }) {
  return createMiddleware<AppEnv>(async function provideDeps(c, next) {
    c.set("deps", await options.resolve(c.env));
    c.set("dialect", c.req.path.startsWith("/v1/messages") ? "anthropic" : "openai");
    await next();
  });
}
