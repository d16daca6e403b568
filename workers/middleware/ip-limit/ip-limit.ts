// Per-client-IP request limits, before authentication: anonymous traffic and key brute force are limited by
// address, not by the (unverified) key they present. The client IP comes from the runtime (deps.clientIp): the
// socket address on Node, or a proxy header only when the operator names it as trusted.
import { createMiddleware } from "hono/factory";
import { normalizeClientIp, planLimitChecks } from "../../../shared/rate-limit";
import type { AppEnv } from "../../app-env";
import { respondError, runInBackground } from "../../respond-error";

export function limitByClientIp() {
  return createMiddleware<AppEnv>(async function limitByClientIp(c, next) {
    const deps = c.get("deps");
    const audit = c.get("audit");
    const clientIp = deps.clientIp?.(c);
    if (clientIp) audit.clientIp = clientIp;
    if (!deps.ipLimits || !clientIp) return next();
    const checks = planLimitChecks({ identities: [{ scope: "ip", id: `ip:${encodeURIComponent(normalizeClientIp(clientIp))}` }], anonymousLimits: deps.ipLimits });
    const outcome = await deps.limiter.enforce({ checks });
    runInBackground(c, outcome.pending);
    for (const decision of outcome.failOpen) audit.failOpen.push(`ip_limit:${decision.reason ?? "backend"}`);
    if (outcome.httpStatus === 429) {
      return respondError(c, { reason: "rate_limit_exceeded", message: "Too many requests from this address.", auditReason: "ip_rate_limited" }, outcome.headers);
    }
    if (outcome.httpStatus === 503) {
      return respondError(c, { reason: "rate_limiter_unavailable", message: "Rate limiting is unavailable.", auditReason: "limiter_fail_closed" }, outcome.headers);
    }
    await next();
  });
}

/** The client address from a trusted proxy header: the rightmost entry, the one the operator's proxy appended. */
export function ipFromTrustedHeader(value: string | undefined): string | undefined {
  const last = value?.split(",").pop()?.trim();
  return last ? last : undefined;
}
