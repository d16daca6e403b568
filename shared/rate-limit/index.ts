// Public surface of the rate-limit core, for the gateway middleware (workers/middleware/rate-limit/).
export type * from "./types";
export { parseDuration, isDuration, retryAfterFrom } from "./duration";
export { identityKeys, normalizeClientIp, planLimitChecks, type LimitCheck, type LimitIdentity, type LimitsInput } from "./identity";
export { rateLimitHeaders, formatOpenAiDuration, mostRestrictive } from "./headers";
export { createMemoryBackend, createMemoryLimiter, PER_PROCESS_WARNING } from "./memory-limiter";
export { createUpstashBackend, createUpstashLimiter, type UpstashRedis } from "./upstash-limiter";
export { createTokenBudget, type TokenBudget, type TokenReservation } from "./token-budget";
export { estimateConversationTokens, estimateJsonTokens, estimatePromptTokens, estimateRequestTokens, estimateTextTokens } from "./estimate-tokens";
export { createLimitEnforcer, type LimitEnforcer, type LimitOutcome, type LimitStatus } from "./enforce-limits";
