// Text extraction for OpenAI /v1/chat/completions bodies. Every role the policy names is screened, tool results and
// assistant history included: indirect prompt injection arrives through them. Assistant tool-call arguments and the
// legacy `function` role (treated as `tool`) are screened as well, and so are the tool definitions (`tools`, legacy
// `functions`), as role `tool`: tool-definitions.ts.
import { type ExtractOptions, type ExtractResult, isRecord, type PartRole } from "./text-part";
import { toolDefinitionParts } from "./tool-definitions";

const ROLE_OF: Record<string, PartRole> = {
  system: "system",
  developer: "developer",
  user: "user",
  assistant: "assistant",
  tool: "tool",
  function: "tool",
};

const CALL_INPUTS = [
  ["function", "arguments"],
  ["custom", "input"],
] as const;

export function extractOpenAIChat(options: ExtractOptions): ExtractResult {
  const result: ExtractResult = { parts: [], skipped: [] };
  const body = isRecord(options.body) ? options.body : {};
  const parts = result.parts;
  const messages = Array.isArray(body.messages) ? body.messages : [];

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
        // A function call's JSON arguments, or a custom tool's free-form input.
        for (const [key, field] of CALL_INPUTS) {
          const holder = isRecord(call) ? call[key] : undefined;
          if (isRecord(holder) && typeof holder[field] === "string") parts.push({ role, text: holder[field], path: ["messages", i, "tool_calls", j, key, field] });
        }
      });
    }
    const legacyCall = message.function_call;
    if (isRecord(legacyCall) && typeof legacyCall.arguments === "string") {
      parts.push({ role, text: legacyCall.arguments, path: ["messages", i, "function_call", "arguments"] });
    }
  });
  if (options.scanRoles.includes("tool")) {
    parts.push(...toolDefinitionParts({ tools: body.tools, path: ["tools"] }), ...toolDefinitionParts({ tools: body.functions, path: ["functions"] }));
  }
  return result;
}
