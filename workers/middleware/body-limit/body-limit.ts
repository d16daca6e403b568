// Refuses bodies over the configured size with 413 in the caller's dialect, before anything reads them whole.
// A declared Content-Length (and no Transfer-Encoding) is checked from the header alone, as hono's bodyLimit does,
// but without touching `c.req.raw.body`: on Node that access alone would build a full web Request with a stream.
// Anything else (chunked, or a Request without the header) goes through hono's counting bodyLimit.
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";

export function limitBody() {
  // One counting limiter per configured size (deps are per isolate/process: in practice one), not one per request.
  const countingLimiters = new Map<number, MiddlewareHandler<AppEnv>>();
  const tooLarge = (c: Parameters<MiddlewareHandler<AppEnv>>[0], maxSize: number) =>
    respondError(c, { reason: "request_too_large", message: `Request body exceeds ${maxSize} bytes.` });
  return createMiddleware<AppEnv>(async function limitBody(c, next) {
    const maxSize = c.get("deps").bodyLimitBytes;
    const headers = c.req.raw.headers;
    const declared = headers.get("content-length");
    if (declared !== null && !headers.has("transfer-encoding")) {
      return parseInt(declared || "0", 10) > maxSize ? tooLarge(c, maxSize) : next();
    }
    let limiter = countingLimiters.get(maxSize);
    if (!limiter) {
      limiter = honoBodyLimit({ maxSize, onError: (ctx) => tooLarge(ctx as typeof c, maxSize) }) as MiddlewareHandler<AppEnv>;
      countingLimiters.set(maxSize, limiter);
    }
    return limiter(c, next);
  });
}
