// POST /v1/guard: screen one text without forwarding it (Lakera-Guard-style) and answer the DESIGN verdict exactly:
// { action, findings, redacted_text?, timings_ms }. Authenticated like every route; a blocked verdict is still a 200.
import { Hono } from "hono";
import * as v from "valibot";
import { screenText, toVerdict } from "../../shared/screening/engine/screen-text";
import { looseObject } from "../../shared/validation/objects";
import type { AppEnv } from "../app-env";
import { authenticate } from "../middleware/authenticate/authenticate";
import { parseBody } from "../middleware/parse-body/parse-body";
import { rateLimit } from "../middleware/rate-limit/rate-limit";
import { auditFindings } from "../middleware/screen-prompt/audit-findings";
import { requestSignal } from "../request-io";

const guardRequestSchema = looseObject({
  text: v.string(),
  direction: v.picklist(["input", "output"]),
  system_prompt: v.optional(v.string()),
});

export const guard = new Hono<AppEnv>();

guard.post("/v1/guard", authenticate({ scope: "guard" }), parseBody({ schema: guardRequestSchema, scope: "guard" }), rateLimit({ chargeTokens: false }), async function screenGuardText(c) {
  const started = performance.now();
  const audit = c.get("audit");
  const deps = c.get("deps");
  const caller = c.get("caller");
  const body = c.get("body") as v.InferOutput<typeof guardRequestSchema>;
  const result = await screenText({
    text: body.text,
    direction: body.direction,
    policy: caller!.policy,
    detectors: deps.detectors,
    systemPrompt: body.system_prompt,
    signal: requestSignal(c),
  });
  auditFindings({ audit, direction: body.direction, findings: result.findings, shadowFindings: result.shadowFindings });
  for (const failure of result.failures) (caller!.policy.detectorFailure === "open" ? audit.failOpen : audit.errors).push(`detector:${failure.detector}:${failure.reason}`);
  audit.action = result.action;
  audit.latencyMs.promptScreen = performance.now() - started;
  return c.json(toVerdict(result));
});
