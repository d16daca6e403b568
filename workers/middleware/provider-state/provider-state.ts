// Keeps a request within the provider-side state its tenant's policy allows. The provider account is shared by every
// tenant. Policy `providerState` "tenant" (the default) binds the ids of stored responses and items (and Anthropic's
// code-execution containers) to the tenant:
// ids going out in answers are signed for it, ids coming back are checked and unsigned, anything else is refused.
// "none" (and "tenant" without a providerStateSecret) refuses every reference and asks the provider to store nothing;
// "shared" passes ids through. Background responses are refused whatever the policy: their answer is fetched later
// by id, which would bypass output screening (and no route serves it).
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { storedStateReferences, unbindStateReferences, type StateReference } from "../../../shared/api/provider-state";
import { bindAnswerIds, bindStreamIds, type AnswerIdSpec, type BindId } from "../../../shared/api/answer-state-ids";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";

/** `why` follows the reference in the message, its own separator first (" that …", ": send …"). */
function refuse(c: Context<AppEnv>, options: { reference: StateReference; why: string }): Response {
  return respondError(c, {
    reason: "invalid_request",
    message: `This key's policy does not allow referencing ${options.reference.what}${options.why}.`,
    param: options.reference.param,
    auditReason: "provider_state_reference",
  });
}

/** Puts the tenant-bound ids into a successful answer, whole or streamed. */
async function bindAnswer(c: Context<AppEnv>, options: { bind: BindId; spec: AnswerIdSpec }): Promise<void> {
  const res = c.res;
  if (res.status !== 200 || !res.body) return;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    c.res = new Response(res.body.pipeThrough(bindStreamIds(options)), { status: res.status, headers });
  } else {
    c.res = new Response(await bindAnswerIds({ ...options, text: await res.text() }), { status: res.status, headers });
  }
}

/**
 * `storesAnswers`: the route creates a response the provider may store or answer in the background (Responses).
 * `answerIds`: where the route's answers carry ids of stored state, bound for the tenant under "tenant"; absent → none.
 */
export function providerState(options: { storesAnswers: boolean; answerIds?: AnswerIdSpec }) {
  return createMiddleware<AppEnv>(async function providerState(c, next) {
    const body = c.get("body")!;
    if (options.storesAnswers && body.background !== undefined && body.background !== null && body.background !== false) {
      return respondError(c, {
        reason: "invalid_request",
        message: "Background responses are not supported through the gateway: their answer could not be screened.",
        param: "background",
        auditReason: "background_unsupported",
      });
    }
    const caller = c.get("caller")!;
    const binder = c.get("deps").stateIds;
    const mode = caller.policy.providerState;
    if (mode === "tenant" && binder) {
      const tenant = caller.tenant.id;
      const unbound = await unbindStateReferences({ body, unbind: (bound) => binder.unbind({ tenant, bound }) });
      if (!unbound.ok) {
        const why = unbound.unbindable ? " by id (the gateway binds only stored responses, their items and containers to tenants)" : " that was not made for this key's tenant through the gateway";
        return refuse(c, { reference: unbound.reference, why });
      }
      c.set("body", unbound.body);
      await next();
      if (options.answerIds) await bindAnswer(c, { bind: (id) => binder.bind({ tenant, id }), spec: options.answerIds });
      return;
    }
    if (mode !== "shared") {
      const [reference] = storedStateReferences(body);
      if (reference) {
        const why = mode === "tenant" ? " (the gateway has no providerStateSecret to bind ids with): send the conversation itself instead" : ": send the conversation itself instead";
        return refuse(c, { reference, why });
      }
      if (options.storesAnswers) c.set("body", { ...body, store: false });
    }
    await next();
  });
}
