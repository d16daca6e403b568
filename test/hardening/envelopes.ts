// What a gateway error must look like on each path, for any runtime's tests: the route's own envelope (OpenAI's, or
// Anthropic's on /v1/messages) with nothing extra. Pure, so the workerd tests use it too.

export type Dialect = "openai" | "anthropic";

/** The error envelope each path answers in: Anthropic's on /v1/messages, OpenAI's everywhere else (admin included). */
export function dialectFor(path: string): Dialect {
  return new URL(path, "http://x").pathname.startsWith("/v1/messages") ? "anthropic" : "openai";
}

/** Why `body` is not an error in the dialect's envelope, or null when it is. */
export function envelopeProblem(options: { dialect: Dialect; body: unknown }): string | null {
  const { dialect, body } = options;
  if (typeof body !== "object" || body === null) return `not a JSON object: ${JSON.stringify(body)?.slice(0, 120)}`;
  const error = (body as { error?: Record<string, unknown> }).error;
  if (typeof error !== "object" || error === null) return "no error object";
  if (dialect === "anthropic") {
    if ((body as { type?: unknown }).type !== "error") return 'Anthropic envelope needs type: "error"';
    if (typeof error.type !== "string" || typeof error.message !== "string") return "Anthropic error needs type and message strings";
    return Object.keys(body).length === 2 && Object.keys(error).length === 2 ? null : "extra fields in the Anthropic envelope";
  }
  if (typeof error.message !== "string" || typeof error.type !== "string" || typeof error.code !== "string") return "OpenAI error needs message, type and code strings";
  if (!("param" in error) || (error.param !== null && typeof error.param !== "string")) return "OpenAI error needs param (string or null)";
  return Object.keys(body).length === 1 ? null : "extra fields in the OpenAI envelope";
}

/** The parsed JSON of a text, or undefined when it is not JSON. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
