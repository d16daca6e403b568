// Per-identity limits (key, tenant, end user) in requests and LLM tokens. Before forwarding, one enforce() call checks
// request limits and reserves a token estimate; after the answer, the reservation is settled against the usage the
// provider reported (streams included). 429/503 in the caller's dialect with Retry-After and RateLimit headers;
// allowed answers carry the remaining budget too. Fail-open decisions (backend down, policy "open") are audited.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { requestedMaxTokens } from "../../../shared/api/request-schemas";
import { estimateConversationTokens, estimateRequestTokens, identityKeys, type LimitOutcome, planLimitChecks } from "../../../shared/rate-limit";
import type { AppEnv } from "../../app-env";
import { respondError, runInBackground } from "../../respond-error";

export function rateLimit(options: { chargeTokens: boolean }) {
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const started = performance.now();
    const deps = c.get("deps");
    const audit = c.get("audit");
    const caller = c.get("caller")!;
    const identities = identityKeys({ tenantId: caller.tenant.id, keyId: caller.key.id, endUser: caller.endUser });
    const checks = planLimitChecks({ identities, keyLimits: caller.key.limits, tenantLimits: caller.tenant.limits, userLimits: caller.tenant.userLimits });
    if (checks.length === 0) return next();

    const body = c.get("body") ?? {};
    // A cheap upper-bound estimate from the raw conversation; settle() corrects it with the provider's usage.
    const estimatedTokens = options.chargeTokens
      ? estimateRequestTokens({ promptTokens: estimateConversationTokens(body.messages ?? body.input ?? body.system ?? ""), maxTokens: requestedMaxTokens(body) })
      : undefined;
    const outcome = await deps.limiter.enforce({ checks, estimatedTokens });
    runInBackground(c, outcome.pending);
    audit.latencyMs.rateLimit = performance.now() - started;
    for (const decision of outcome.failOpen) audit.failOpen.push(`rate_limit:${decision.policyName}:${decision.reason ?? "backend"}`);

    if (outcome.httpStatus === 429) {
      return respondError(c, { reason: "rate_limit_exceeded", message: "Rate limit exceeded; retry after the time in Retry-After." }, outcome.headers);
    }
    if (outcome.httpStatus === 503) {
      return respondError(c, { reason: "rate_limiter_unavailable", message: "Rate limiting is unavailable; the request was not forwarded.", auditReason: "limiter_fail_closed" }, outcome.headers);
    }
    await next();
    try {
      for (const [name, value] of Object.entries(outcome.headers)) c.res.headers.set(name, value);
    } catch {
      // immutable headers: the budget is still enforced, only not advertised on this answer
    }
    if (estimatedTokens !== undefined) runInBackground(c, settleTokens(c, outcome));
  });
}

/** Once the answer is done, settles the token reservation against the usage the provider reported. */
async function settleTokens(c: Context<AppEnv>, outcome: LimitOutcome): Promise<void> {
  await c.get("responseDone")?.catch(() => undefined);
  const tokens = c.get("audit").tokens;
  const used = (tokens?.input ?? 0) + (tokens?.output ?? 0);
  // Failed calls consumed nothing; a success without reported usage keeps the estimate.
  if (c.res.status >= 400) await outcome.settle({ actualTokens: 0 });
  else if (used > 0) await outcome.settle({ actualTokens: used });
}
