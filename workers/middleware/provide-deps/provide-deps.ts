// Puts the isolate's (or process's) dependencies on the context; on Workers they are built from env on first use.
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env, GatewayDeps } from "../../app-env";

export function provideDeps(options: { resolve: (env: Env) => GatewayDeps | Promise<GatewayDeps> }) {
  return createMiddleware<AppEnv>(async function provideDeps(c, next) {
    c.set("deps", await options.resolve(c.env));
    c.set("dialect", "openai");
    await next();
  });
}
