// The gateway routes, each reading top-down as the request flows:
// authenticate → parse → rate limit → screen prompt → forward to the provider → screen the answer → reply.
// Rate limiting follows parsing because the token reservation needs the body; parsing is bounded by the body limit.
// Routes whose provider keeps state check what the request may reference of it right after parsing (provider-state),
// and routes that generate check which tools the provider may run itself (provider-tools).
// Request id, audit, the per-client-IP limit and the body limit wrap every route (workers/app.ts).
import { Hono } from "hono";
import {
  chatRequestSchema, countTokensRequestSchema, embeddingsRequestSchema, inputTokensRequestSchema, messagesRequestSchema,
  responsesRequestSchema,
} from "../../shared/api/request-schemas";
import { MESSAGES_STATE_IDS, RESPONSES_STATE_IDS } from "../../shared/api/answer-state-ids";
import { matchesAnyGlob } from "../../shared/providers/registry";
import { extractAnthropicMessages } from "../../shared/screening/extract/anthropic-messages";
import { extractOpenAIChat } from "../../shared/screening/extract/openai-chat";
import { extractOpenAIEmbeddings } from "../../shared/screening/extract/openai-embeddings";
import { extractOpenAIResponses } from "../../shared/screening/extract/openai-responses";
import type { AppEnv } from "../app-env";
import { authenticate } from "../middleware/authenticate/authenticate";
import { parseBody } from "../middleware/parse-body/parse-body";
import { providerState } from "../middleware/provider-state/provider-state";
import { providerTools } from "../middleware/provider-tools/provider-tools";
import { rateLimit } from "../middleware/rate-limit/rate-limit";
import { screenPrompt } from "../middleware/screen-prompt/screen-prompt";
import { forwardToProvider } from "./forward/forward-to-provider";

export const gateway = new Hono<AppEnv>();

gateway.post(
  "/v1/chat/completions",
  authenticate({ scope: "chat" }),
  parseBody({ schema: chatRequestSchema, scope: "chat" }),
  providerTools(),
  rateLimit({ chargeTokens: true }),
  screenPrompt({ extract: extractOpenAIChat }),
  forwardToProvider({ surface: "chat" }),
);

gateway.post(
  "/v1/responses",
  authenticate({ scope: "responses" }),
  parseBody({ schema: responsesRequestSchema, scope: "responses" }),
  providerState({ storesAnswers: true, answerIds: RESPONSES_STATE_IDS }),
  providerTools(),
  rateLimit({ chargeTokens: true }),
  screenPrompt({ extract: extractOpenAIResponses }),
  forwardToProvider({ surface: "responses" }),
);

// Token counts carry the whole prompt to the provider, so they are screened (and redacted) like the prompt itself.
gateway.post(
  "/v1/responses/input_tokens",
  authenticate({ scope: "responses" }),
  parseBody({ schema: inputTokensRequestSchema, scope: "responses" }),
  providerState({ storesAnswers: false }),
  rateLimit({ chargeTokens: false }),
  screenPrompt({ extract: extractOpenAIResponses }),
  forwardToProvider({ surface: "input_tokens" }),
);

gateway.post(
  "/v1/messages",
  authenticate({ scope: "messages" }),
  parseBody({ schema: messagesRequestSchema, scope: "messages" }),
  providerState({ storesAnswers: false, answerIds: MESSAGES_STATE_IDS }),
  providerTools(),
  rateLimit({ chargeTokens: true }),
  screenPrompt({ extract: extractAnthropicMessages }),
  forwardToProvider({ surface: "messages" }),
);

gateway.post(
  "/v1/messages/count_tokens",
  authenticate({ scope: "messages" }),
  parseBody({ schema: countTokensRequestSchema, scope: "messages" }),
  providerState({ storesAnswers: false }),
  rateLimit({ chargeTokens: false }),
  screenPrompt({ extract: extractAnthropicMessages }),
  forwardToProvider({ surface: "count_tokens" }),
);

gateway.post(
  "/v1/embeddings",
  authenticate({ scope: "embeddings" }),
  parseBody({ schema: embeddingsRequestSchema, scope: "embeddings" }),
  rateLimit({ chargeTokens: true }),
  screenPrompt({ extract: extractOpenAIEmbeddings }),
  forwardToProvider({ surface: "embeddings" }),
);

gateway.get("/v1/models", authenticate({ scope: "models" }), rateLimit({ chargeTokens: false }), function listModels(c) {
  const allowed = c.get("caller")!.key.models;
  const models = c.get("deps").router.listModels().filter((model) => !allowed || matchesAnyGlob(model, allowed));
  return c.json({ object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "edgeguard" })) });
});
