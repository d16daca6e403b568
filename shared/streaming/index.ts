// Public surface of stream-aware output screening: what the gateway wires in. Everything else here is internal.
export { createStreamScreener, type StreamOutcome, type StreamScreener, type StreamScreenerOptions } from "./stream-screener";
export { screenCompletionBody, type BodyOutcome, type CompletionScreening } from "./screen-completion-body";
export type { ScreenFn, ScreenResult, ScreenerEvent, StreamEnd } from "./screening-engine";
export type { VerbatimForm } from "./text-forms";
export type { RedactFn, RestoreFn } from "./channel-window";
export { redactWithMarker } from "./channel-window";
export { openAiChatSurface } from "./openai-chat-surface";
export { anthropicMessagesSurface } from "./anthropic-messages-surface";
export { openAiResponsesSurface } from "./openai-responses-surface";
export type { StreamSurface, SurfaceRead, StreamUsage, StreamErrorInfo } from "./surface";
export { createSseParser, parseSseText, type SseEvent, type SseParser } from "./sse-parser";
export { serialiseSseEvent } from "./sse-serialiser";
export { DEFAULT_HOLD_BACK_LIMITS, holdBackStart, type HoldBackLimits } from "./hold-back";
