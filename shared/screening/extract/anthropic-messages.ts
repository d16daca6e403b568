// Text extraction for Anthropic /v1/messages bodies: the top-level `system` (string or text blocks) and each
// message's content (string or blocks: `text`, `tool_result` with string or block content, `document` with a text
// source, and the string values of an earlier tool call's `input`). Tool results are screened with role `tool`
// because indirect injection arrives through them, and so are the tool definitions (tool-definitions.ts).
import { type BodyPath, type ExtractOptions, type ExtractResult, isRecord, type PartRole } from "./text-part";
import { stringLeaves } from "./string-leaves";
import { toolDefinitionParts } from "./tool-definitions";

type Sink = { result: ExtractResult; scanRoles: readonly PartRole[] };

function addText(sink: Sink, role: PartRole, text: string, path: BodyPath): void {
  if (sink.scanRoles.includes(role)) sink.result.parts.push({ role, text, path });
}

/** `content` may be a string or an array of blocks; used for messages, tool_result content and document sources. */
function addContent(sink: Sink, role: PartRole, content: unknown, path: BodyPath): void {
  if (typeof content === "string") {
    addText(sink, role, content, path);
    return;
  }
  if (!Array.isArray(content)) return;
  content.forEach((block, j) => {
    if (!isRecord(block)) return;
    const at = [...path, j];
    if (block.type === "text" && typeof block.text === "string") {
      addText(sink, role, block.text, [...at, "text"]);
    } else if (block.type === "tool_result") {
      addContent(sink, "tool", block.content, [...at, "content"]);
    } else if (block.type === "document" && isRecord(block.source)) {
      addDocument(sink, role, block.source, [...at, "source"]);
    } else if (isRecord(block.input)) {
      // An earlier tool call (tool_use, server and MCP tools): its input's strings, each where writeBack finds it.
      if (sink.scanRoles.includes(role)) for (const leaf of stringLeaves({ value: block.input, path: [...at, "input"] })) addText(sink, role, leaf.text, leaf.path);
    } else if (sink.scanRoles.includes(role)) {
      // Images and thinking blocks are not screened as text; reported for the audit.
      sink.result.skipped.push({ path: at, reason: "non_text_content" });
    }
  });
}

function addDocument(sink: Sink, role: PartRole, source: Record<string, unknown>, path: BodyPath): void {
  if (source.type === "text" && typeof source.data === "string") {
    addText(sink, role, source.data, [...path, "data"]);
  } else if (source.type === "content") {
    addContent(sink, role, source.content, [...path, "content"]);
  } else if (sink.scanRoles.includes(role)) {
    sink.result.skipped.push({ path, reason: "non_text_content" });
  }
}

export function extractAnthropicMessages(options: ExtractOptions): ExtractResult {
  const sink: Sink = { result: { parts: [], skipped: [] }, scanRoles: options.scanRoles };
  if (!isRecord(options.body)) return sink.result;
  const { system, messages, tools } = options.body;

  addContent(sink, "system", system, ["system"]);
  if (Array.isArray(messages)) {
    messages.forEach((message, i) => {
      if (!isRecord(message)) return;
      // A role the API does not define is screened as the caller's own text: unknown is never unscreened.
      const role: PartRole = message.role === "assistant" ? "assistant" : "user";
      addContent(sink, role, message.content, ["messages", i, "content"]);
    });
  }
  if (sink.scanRoles.includes("tool")) sink.result.parts.push(...toolDefinitionParts({ tools, path: ["tools"] }));
  return sink.result;
}
