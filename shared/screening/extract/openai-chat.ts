// Text extraction for OpenAI /v1/chat/completions bodies. Every role the policy names is screened, tool results and
// assistant history included: indirect prompt injection arrives through them. Assistant tool-call arguments and the
// legacy `function` role (treated as `tool`) are screened as well.
import { type ExtractOptions, type ExtractResult, isRecord, type PartRole } from "./text-part";

const ROLE_OF: Record<string, PartRole> = {
  system: "system",
  developer: "developer",
  user: "user",
  assistant: "assistant",
  tool: "tool",
  function: "tool",
};

export function extractOpenAIChat(options: ExtractOptions): ExtractResult {
  const result: ExtractResult = { parts: [], skipped: [] };
  const messages = isRecord(options.body) ? options.body.messages : undefined;
  if (!Array.isArray(messages)) return result;
  const parts = result.parts;

  messages.forEach((message, i) => {
    if (!isRecord(message)) return;
    // A role the API does not define is screened as the caller's own text: unknown is never unscreened.
    const role = typeof message.role === "string" && Object.hasOwn(ROLE_OF, message.role) ? ROLE_OF[message.role] : "user";
    if (!options.scanRoles.includes(role)) return;

    const content = message.content;
    if (typeof content === "string") {
      parts.push({ role, text: content, path: ["messages", i, "content"] });
    } else if (Array.isArray(content)) {
      content.forEach((item, j) => {
        if (!isRecord(item)) return;
        if (item.type === "text" && typeof item.text === "string") {
          parts.push({ role, text: item.text, path: ["messages", i, "content", j, "text"] });
        } else if (item.type !== "refusal") {
          // Images, audio and files cannot be screened as text; say so instead of passing them silently.
          result.skipped.push({ path: ["messages", i, "content", j], reason: "non_text_content" });
        }
      });
    }

    if (Array.isArray(message.tool_calls)) {
      message.tool_calls.forEach((call, j) => {
        const fn = isRecord(call) ? call.function : undefined;
        if (isRecord(fn) && typeof fn.arguments === "string") {
          parts.push({ role, text: fn.arguments, path: ["messages", i, "tool_calls", j, "function", "arguments"] });
        }
      });
    }
    const legacyCall = message.function_call;
    if (isRecord(legacyCall) && typeof legacyCall.arguments === "string") {
      parts.push({ role, text: legacyCall.arguments, path: ["messages", i, "function_call", "arguments"] });
    }
  });
  return result;
}
