// Refuses bodies over the configured size with 413 in the caller's dialect, before anything reads them whole.
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";

export function limitBody() {
  return createMiddleware<AppEnv>(async function limitBody(c, next) {
    const maxSize = c.var.deps.bodyLimitBytes;
    const limiter = honoBodyLimit({
      maxSize,
      onError: (ctx) => respondError(ctx as typeof c, { reason: "request_too_large", message: `Request body exceeds ${maxSize} bytes.` }),
    });
    return limiter(c, next);
  });
}
