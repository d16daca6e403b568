// Screens every text of the request the tenant's policy names (all roles, tool results, Anthropic blocks, embedding
// inputs). block → 400 guardrail_violation naming the categories and the kind of text that blocked, e.g. "system
// prompt" (never scores or matched text); redact → the rewritten body goes upstream and the vault remembers the
// originals for the answer; a detector failure under a fail-closed policy → 503, nothing forwarded. More texts than
// the config's maxTextsPerRequest → 413, none screened.
import { createMiddleware } from "hono/factory";
import { screenParts } from "../../../shared/screening/engine/screen-parts";
import { systemPromptOf, writeBack, type ExtractOptions, type ExtractResult, type TextPart } from "../../../shared/screening/extract/text-part";
import { createRedactionVault } from "../../../shared/screening/redact/redaction-vault";
import type { AppEnv } from "../../app-env";
import { requestSignal } from "../../request-io";
import { respondError } from "../../respond-error";
import { auditFindings } from "./audit-findings";

const ROLE_TEXT_NAMES: Record<TextPart["role"], string> = {
  system: "system prompt",
  developer: "developer message",
  user: "user message",
  assistant: "assistant message",
  tool: "tool result",
};

/** What a blocked text is, for the caller's developer: which message to look at (never the text itself). */
function kindOfText(part: TextPart): string {
  return part.kind === "tool_definition" ? "tool definitions" : ROLE_TEXT_NAMES[part.role];
}

export function screenPrompt(options: { extract: (options: ExtractOptions) => ExtractResult }) {
  return createMiddleware<AppEnv>(async function screenPrompt(c, next) {
    const started = performance.now();
    const caller = c.get("caller");
    const audit = c.get("audit");
    const deps = c.get("deps");
    const body = c.get("body")!;
    const policy = caller!.policy;
    const { parts, skipped } = options.extract({ body, scanRoles: policy.scanRoles });
    if (deps.maxTextsPerRequest !== undefined && parts.length > deps.maxTextsPerRequest) {
      const message = `The request has ${parts.length} texts to screen; at most ${deps.maxTextsPerRequest} are accepted.`;
      return respondError(c, { reason: "request_too_large", message, auditReason: "too_many_texts" });
    }
    if (skipped.length) audit.errors.push(`unscreened_content:${skipped.length}`);
    const vault = createRedactionVault();
    const cleanTexts = deps.cleanTexts && { cache: deps.cleanTexts, scope: { tenant: caller!.tenant.id, endUser: caller!.endUser } };
    const resentAnswers = deps.deliveredAnswers && { store: deps.deliveredAnswers, tenant: caller!.tenant.id };
    const result = await screenParts({ parts, direction: "input", policy, detectors: deps.detectors, vault, signal: requestSignal(c), cleanTexts, resentAnswers });
    auditFindings({ audit, direction: "input", findings: result.findings, shadowFindings: result.shadowFindings });
    // A delivered answer let through despite a request-category finding is a policy-explicit loosening: named as one.
    for (const part of result.resentAnswerParts) audit.failOpen.push(`input:resent_answer_not_blocked:${part}`);
    if (result.resentAnswerLookupFailures) audit.errors.push(`resent_answer_lookup_failed:${result.resentAnswerLookupFailures}`);
    for (const failure of result.failures) (policy.detectorFailure === "open" ? audit.failOpen : audit.errors).push(`detector:${failure.detector}:${failure.reason}`);
    audit.action = result.action;
    audit.latencyMs.promptScreen = performance.now() - started;

    if (result.action === "block") {
      if (result.failedClosed) {
        return respondError(c, { reason: "screening_unavailable", message: "The prompt could not be screened; nothing was forwarded.", auditReason: "detector_failed_closed" });
      }
      const categories = result.triggered.filter((t) => t.action === "block").map((t) => t.category);
      const where = [...new Set(result.blockingParts.map((part) => kindOfText(parts[part])))].join(", ");
      return respondError(c, {
        reason: "prompt_blocked",
        message: `Prompt blocked by policy: ${[...new Set(categories)].join(", ")} (in the ${where}).`,
        auditReason: "prompt_blocked",
      });
    }
    if (result.action === "redact") {
      c.set("body", writeBack({ body, parts, texts: result.redactedTexts }));
    }
    c.set("vault", vault);
    c.set("systemPrompt", systemPromptOf(parts));
    await next();
  });
}
