// Tools the provider runs itself (web search and fetch, file search, MCP servers, code execution, image generation):
// their inputs and results stay inside the provider and feed the model directly, so neither passes through the
// gateway's screening, and a web page or MCP server can inject instructions nobody screened. This finds them in a
// request body. Pure: the route's stage decides (workers/middleware/provider-tools).

/** One field of a request that asks the provider to run a tool, with its JSON path for the error's `param`. */
export interface ProviderToolUse {
  param: string;
  tool: string;
}

// Tools the client runs (the gateway sees their results in the next request), by type. Anything else in `tools` is
// taken as provider-run, so a tool type added later is refused under "none" until it is known (fail closed).
const CLIENT_TOOL_TYPES = new Set(["function", "custom", "computer_use_preview", "computer", "local_shell", "shell", "apply_patch"]);
// Anthropic's client-run tools with a schema of its own carry a dated type: `bash_20250124`, `text_editor_…`.
const CLIENT_TOOL_TYPE_PATTERN = /^(?:bash|text_editor|computer|memory)_\d{8}$/;

function isClientTool(tool: Record<string, unknown>): boolean {
  const type = tool.type;
  if (type === undefined) return true; // an Anthropic tool defined by its input_schema
  return typeof type === "string" && (CLIENT_TOOL_TYPES.has(type) || CLIENT_TOOL_TYPE_PATTERN.test(type));
}

/** The provider-run tools a request body asks for, in body order; empty when none. */
export function providerToolUses(body: Record<string, unknown>): ProviderToolUse[] {
  const uses: ProviderToolUse[] = [];
  if (Array.isArray(body.tools)) {
    body.tools.forEach((tool, index) => {
      if (typeof tool !== "object" || tool === null || Array.isArray(tool)) return;
      const fields = tool as Record<string, unknown>;
      if (!isClientTool(fields)) uses.push({ param: `tools[${index}]`, tool: typeof fields.type === "string" ? fields.type : "unknown" });
    });
  }
  // Chat's search models search the web when asked; Anthropic's MCP connector calls servers from its side.
  if (body.web_search_options !== undefined && body.web_search_options !== null) uses.push({ param: "web_search_options", tool: "web_search" });
  if (Array.isArray(body.mcp_servers) && body.mcp_servers.length > 0) uses.push({ param: "mcp_servers", tool: "mcp" });
  return uses;
}
