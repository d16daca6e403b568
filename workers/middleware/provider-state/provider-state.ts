// Keeps a request within the provider-side state its tenant's policy allows. The provider account is shared by every
// tenant, so with policy `providerState` "none" references to stored responses, items, conversations and containers
// are refused and the provider is asked to store nothing. Background responses are refused whatever the policy:
// their answer is fetched later by id, which would bypass output screening (and no route serves it).
import { createMiddleware } from "hono/factory";
import { storedStateReferences } from "../../../shared/api/provider-state";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";

/** `storesAnswers`: the route creates a response the provider may store or answer in the background (Responses). */
export function providerState(options: { storesAnswers: boolean }) {
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
    if (c.get("caller")!.policy.providerState === "none") {
      const [reference] = storedStateReferences(body);
      if (reference) {
        return respondError(c, {
          reason: "invalid_request",
          message: `This key's policy does not allow referencing ${reference.what}: send the conversation itself instead.`,
          param: reference.param,
          auditReason: "provider_state_reference",
        });
      }
      if (options.storesAnswers) c.set("body", { ...body, store: false });
    }
    await next();
  });
}
