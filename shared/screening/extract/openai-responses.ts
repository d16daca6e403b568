// Text extraction for OpenAI /v1/responses bodies: `instructions` (the system prompt), `input` as one string or a list
// of items (messages with text parts, earlier tool calls and their outputs), and the variables of a stored prompt.
// Tool outputs are screened as the `tool` role, since indirect prompt injection arrives through them, and so are the
// tool definitions (tool-definitions.ts). What we cannot read as text (images, files, references to items stored at
// the provider) is reported as skipped.
import { type BodyPath, type ExtractOptions, type ExtractResult, isRecord, type PartRole } from "./text-part";
import { toolDefinitionParts } from "./tool-definitions";

const ROLE_OF: Record<string, PartRole> = { system: "system", developer: "developer", user: "user", assistant: "assistant" };
const TEXT_PARTS = new Set(["input_text", "output_text"]);
/** Item types that are the model's own earlier output, not text anyone can inject through: not screened, not skipped. */
const MODEL_OUTPUT_ITEMS = new Set(["reasoning", "refusal"]);

interface Collector {
  result: ExtractResult;
  scanRoles: readonly PartRole[];
}

function addText(collector: Collector, options: { role: PartRole; text: string; path: BodyPath }): void {
  if (collector.scanRoles.includes(options.role)) collector.result.parts.push(options);
}

/** A message's or tool output's content: one string, or a list of text parts and other (unscreenable) parts. */
function addContent(collector: Collector, options: { role: PartRole; content: unknown; path: BodyPath }): void {
  const { role, content, path } = options;
  if (typeof content === "string") return addText(collector, { role, text: content, path });
  if (!Array.isArray(content)) {
    // A tool's output as one non-text object (a computer call's screenshot): seen, not screenable.
    if (isRecord(content) && collector.scanRoles.includes(role)) collector.result.skipped.push({ path, reason: "non_text_content" });
    return;
  }
  content.forEach((part, j) => {
    if (!isRecord(part)) return;
    if (TEXT_PARTS.has(String(part.type)) && typeof part.text === "string") addText(collector, { role, text: part.text, path: [...path, j, "text"] });
    else if (part.type !== "refusal" && collector.scanRoles.includes(role)) collector.result.skipped.push({ path: [...path, j], reason: "non_text_content" });
  });
}

function addItem(collector: Collector, item: unknown, i: number): void {
  if (!isRecord(item)) return;
  const type = item.type === undefined ? "message" : String(item.type);
  if (type === "message") {
    // A role the API does not define is screened as the caller's own text: unknown is never unscreened.
    const role = typeof item.role === "string" && Object.hasOwn(ROLE_OF, item.role) ? ROLE_OF[item.role] : "user";
    addContent(collector, { role, content: item.content, path: ["input", i, "content"] });
  } else if (type.endsWith("_call_output")) {
    // function_call_output, custom_tool_call_output, local_shell_call_output…: what a tool handed back.
    addContent(collector, { role: "tool", content: item.output, path: ["input", i, "output"] });
  } else if (typeof item.arguments === "string") {
    addText(collector, { role: "assistant", text: item.arguments, path: ["input", i, "arguments"] }); // a tool call
  } else if (type === "custom_tool_call" && typeof item.input === "string") {
    addText(collector, { role: "assistant", text: item.input, path: ["input", i, "input"] }); // its free-form input
  } else if (type === "code_interpreter_call") {
    addCodeInterpreterCall(collector, item, i);
  } else if (!MODEL_OUTPUT_ITEMS.has(type)) {
    collector.result.skipped.push({ path: ["input", i], reason: "non_text_content" });
  }
}

/** A code-interpreter call passed back: the code the model wrote, and the logs its run printed (a tool's output). */
function addCodeInterpreterCall(collector: Collector, item: Record<string, unknown>, i: number): void {
  if (typeof item.code === "string") addText(collector, { role: "assistant", text: item.code, path: ["input", i, "code"] });
  if (!Array.isArray(item.outputs)) return;
  item.outputs.forEach((output, j) => {
    const path: BodyPath = ["input", i, "outputs", j];
    if (isRecord(output) && typeof output.logs === "string") addText(collector, { role: "tool", text: output.logs, path: [...path, "logs"] });
    else if (collector.scanRoles.includes("tool")) collector.result.skipped.push({ path, reason: "non_text_content" }); // an image
  });
}

export function extractOpenAIResponses(options: ExtractOptions): ExtractResult {
  const collector: Collector = { result: { parts: [], skipped: [] }, scanRoles: options.scanRoles };
  const body = options.body;
  if (!isRecord(body)) return collector.result;
  if (typeof body.instructions === "string") addText(collector, { role: "system", text: body.instructions, path: ["instructions"] });
  if (typeof body.input === "string") addText(collector, { role: "user", text: body.input, path: ["input"] });
  else if (Array.isArray(body.input)) body.input.forEach((item, i) => addItem(collector, item, i));
  // A stored prompt's variables are the caller's text spliced into it.
  const variables = isRecord(body.prompt) && isRecord(body.prompt.variables) ? body.prompt.variables : undefined;
  for (const name of Object.keys(variables ?? {})) {
    const value = variables![name];
    const path: BodyPath = ["prompt", "variables", name];
    // A variable is a string or one part: input_text is screened, input_image or input_file cannot be.
    if (typeof value === "string") addText(collector, { role: "user", text: value, path });
    else if (isRecord(value) && value.type === "input_text" && typeof value.text === "string") addText(collector, { role: "user", text: value.text, path: [...path, "text"] });
    else if (collector.scanRoles.includes("user")) collector.result.skipped.push({ path, reason: "non_text_content" });
  }
  if (options.scanRoles.includes("tool")) collector.result.parts.push(...toolDefinitionParts({ tools: body.tools, path: ["tools"] }));
  return collector.result;
}
