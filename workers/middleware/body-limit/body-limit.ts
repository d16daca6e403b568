// Refuses bodies over the configured size with 413 in the caller's dialect, before anything reads them whole.
// A declared Content-Length (and no Transfer-Encoding) is checked from the header alone, without touching
// `c.req.raw.body`: on Node that access alone would build a full web Request with a stream. Anything else (chunked,
// or a web Request without the header) is read here, counted as it arrives and within the request deadline, and kept
// for the route (request-body.ts): a chunked body is bounded in size and time like any other, and one that breaks
// off is a client gone, not a gateway error.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../app-env";
import { bodyFailureResponse, requestBytes, tooLargeMessage } from "../../request-body";
import { nodeIncoming } from "../../request-io";
import { respondError } from "../../respond-error";

export function limitBody() {
  return createMiddleware<AppEnv>(async function limitBody(c, next) {
    const deps = c.get("deps");
    const maxSize = deps.bodyLimitBytes;
    const headers = c.req.raw.headers;
    const declared = headers.get("content-length");
    const chunked = headers.has("transfer-encoding");
    if (declared !== null && !chunked) {
      if (parseInt(declared || "0", 10) <= maxSize) return next();
      return respondError(c, { reason: "request_too_large", message: tooLargeMessage(maxSize) });
    }
    // HTTP/1.1 without either header has no body; a web Request says so itself.
    if (!chunked && (nodeIncoming(c) !== undefined || c.req.raw.body === null)) return next();
    try {
      c.set("bodyBytes", await requestBytes(c, { maxBytes: maxSize, timeoutMs: deps.requestTimeoutMs }));
    } catch (error) {
      return bodyFailureResponse(c, error);
    }
    return next();
  });
}
