// Gateway errors in each API's own envelope, so official SDKs raise their usual error classes.
// One table maps our reasons to status, OpenAI type/code and Anthropic type; messages never carry secrets or scores.

export type Dialect = "openai" | "anthropic";

export const ERROR_REASONS = {
  invalid_api_key: { status: 401, openaiType: "invalid_request_error", anthropicType: "authentication_error" },
  permission_denied: { status: 403, openaiType: "invalid_request_error", anthropicType: "permission_error" },
  model_not_found: { status: 404, openaiType: "invalid_request_error", anthropicType: "not_found_error" },
  not_found: { status: 404, openaiType: "invalid_request_error", anthropicType: "not_found_error" },
  invalid_json: { status: 400, openaiType: "invalid_request_error", anthropicType: "invalid_request_error" },
  invalid_request: { status: 400, openaiType: "invalid_request_error", anthropicType: "invalid_request_error" },
  prompt_blocked: { status: 400, openaiType: "guardrail_violation", anthropicType: "guardrail_violation" },
  output_blocked: { status: 400, openaiType: "guardrail_violation", anthropicType: "guardrail_violation" },
  request_timeout: { status: 408, openaiType: "invalid_request_error", anthropicType: "invalid_request_error" },
  request_too_large: { status: 413, openaiType: "invalid_request_error", anthropicType: "request_too_large" },
  rate_limit_exceeded: { status: 429, openaiType: "rate_limit_exceeded", anthropicType: "rate_limit_error" },
  rate_limiter_unavailable: { status: 503, openaiType: "server_error", anthropicType: "api_error" },
  screening_unavailable: { status: 503, openaiType: "server_error", anthropicType: "api_error" },
  upstream_error: { status: 502, openaiType: "server_error", anthropicType: "api_error" },
  upstream_timeout: { status: 504, openaiType: "server_error", anthropicType: "api_error" },
  internal_error: { status: 500, openaiType: "server_error", anthropicType: "api_error" },
} as const;
export type ErrorReason = keyof typeof ERROR_REASONS;

export interface GatewayError {
  reason: ErrorReason;
  message: string;
  param?: string | null;
}

export function errorBody(options: { dialect: Dialect; error: GatewayError }): Record<string, unknown> {
  const { reason, message, param = null } = options.error;
  const entry = ERROR_REASONS[reason];
  if (options.dialect === "anthropic") return { type: "error", error: { type: entry.anthropicType, message } };
  return { error: { message, type: entry.openaiType, code: reason, param } };
}

export function errorResponse(options: { dialect: Dialect; error: GatewayError; headers?: Record<string, string> }): Response {
  return new Response(JSON.stringify(errorBody(options)), {
    status: ERROR_REASONS[options.error.reason].status,
    headers: { "content-type": "application/json", ...options.headers },
  });
}

/** The SSE event that ends a stream early (no [DONE] / message_stop follows it), in the dialect's own shape. */
export function streamErrorEvent(options: { dialect: Dialect; error: GatewayError }): string {
  const body = JSON.stringify(errorBody(options));
  return options.dialect === "anthropic" ? `event: error\ndata: ${body}\n\n` : `data: ${body}\n\n`;
}
