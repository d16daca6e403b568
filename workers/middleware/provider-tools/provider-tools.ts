// Keeps a request to the tools its tenant's policy lets the provider run. Under `providerTools: "none"` a request
// that asks the provider to run a tool itself (web search, MCP servers, code execution…) is refused, naming the field:
// what such a tool reads goes into the model without passing the gateway's screening.
import { createMiddleware } from "hono/factory";
import { providerToolUses } from "../../../shared/api/provider-tools";
import type { AppEnv } from "../../app-env";
import { respondError } from "../../respond-error";

export function providerTools() {
  return createMiddleware<AppEnv>(async function providerTools(c, next) {
    if (c.get("caller")!.policy.providerTools === "none") {
      const [use] = providerToolUses(c.get("body")!);
      if (use) {
        return respondError(c, {
          reason: "invalid_request",
          message: `This key's policy does not allow tools the provider runs itself (${use.tool}): their results would reach the model unscreened.`,
          param: use.param,
          auditReason: "provider_tool_refused",
        });
      }
    }
    await next();
  });
}
