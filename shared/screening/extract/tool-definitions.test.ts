// Tool definitions are screened as role `tool`, kind `tool_definition`, in all three APIs: each tool's description and
// every description in its parameter schema, at the path writeBack needs, none left out however deep or many.
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../policy/schema";
import { extractAnthropicMessages } from "./anthropic-messages";
import { extractOpenAIChat } from "./openai-chat";
import { extractOpenAIResponses } from "./openai-responses";
import { writeBack } from "./text-part";
import { toolDefinitionParts } from "./tool-definitions";

const schema = {
  type: "object",
  description: "Where to send it.",
  properties: {
    city: { type: "string", description: "The city, e.g. Paris." },
    // A parameter named "description" is a schema, not a description.
    description: { type: "string", description: "A note for the courier." },
    stops: { type: "array", items: { anyOf: [{ type: "string", description: "A stop by name." }, { type: "integer" }] } },
  },
};
const descriptionsOf = (parts: { kind?: string; role: string; text: string }[]) => parts.filter((p) => p.kind === "tool_definition").map((p) => p.text);
const EXPECTED = ["Send a parcel.", "Where to send it.", "The city, e.g. Paris.", "A note for the courier.", "A stop by name."];

describe("tool definitions in request bodies", () => {
  it("chat: function tools, custom tools and legacy functions, after the messages; writeBack reaches every path", () => {
    const body = {
      messages: [{ role: "user", content: "Send it." }],
      tools: [
        { type: "function", function: { name: "send_parcel", description: "Send a parcel.", parameters: schema } },
        { type: "custom", custom: { name: "run_sql", description: "Run one read-only SQL query." } },
      ],
      functions: [{ name: "legacy", description: "An old-style function." }],
    };
    const { parts } = extractOpenAIChat({ body, scanRoles: DEFAULT_POLICY.scanRoles });
    expect(parts[0]).toMatchObject({ role: "user", text: "Send it." });
    expect(descriptionsOf(parts)).toEqual([...EXPECTED, "Run one read-only SQL query.", "An old-style function."]);
    expect(parts.filter((p) => p.kind === "tool_definition").every((p) => p.role === "tool")).toBe(true);
    const rewritten = writeBack({ body, parts, texts: parts.map((p) => p.text.toUpperCase()) });
    expect(rewritten.tools[0].function?.parameters.properties.description.description).toBe("A NOTE FOR THE COURIER.");
    expect(rewritten.tools[1].custom?.description).toBe("RUN ONE READ-ONLY SQL QUERY.");
    expect(rewritten.functions[0].description).toBe("AN OLD-STYLE FUNCTION.");
  });

  it("Anthropic (input_schema) and Responses (flat function tools) alike", () => {
    const anthropic = extractAnthropicMessages({ body: { messages: [], tools: [{ name: "send_parcel", description: "Send a parcel.", input_schema: schema }] }, scanRoles: DEFAULT_POLICY.scanRoles });
    expect(descriptionsOf(anthropic.parts)).toEqual(EXPECTED);
    const responses = extractOpenAIResponses({ body: { input: "Send it.", tools: [{ type: "function", name: "send_parcel", description: "Send a parcel.", parameters: schema }] }, scanRoles: DEFAULT_POLICY.scanRoles });
    expect(descriptionsOf(responses.parts)).toEqual(EXPECTED);
  });

  it("are left out when the policy does not screen the tool role", () => {
    const body = { messages: [{ role: "user", content: "hi" }], tools: [{ type: "function", function: { name: "f", description: "Does f." } }] };
    expect(descriptionsOf(extractOpenAIChat({ body, scanRoles: ["user"] }).parts)).toEqual([]);
  });

  it("leave none out: a description at the deepest nesting a body may have, or past hundreds of tools, is screened", () => {
    let deep: Record<string, unknown> = { description: "bottom" };
    for (let i = 0; i < 60; i++) deep = { description: `level ${i}`, items: deep };
    const nested = toolDefinitionParts({ tools: [{ name: "deep", parameters: deep }], path: ["tools"] });
    expect(nested.map((part) => part.text)).toContain("bottom");
    expect(nested).toHaveLength(61);
    const many = Array.from({ length: 2000 }, (_, i) => ({ name: `t${i}`, description: `Tool ${i}.` }));
    expect(toolDefinitionParts({ tools: many, path: ["tools"] }).at(-1)?.text).toBe("Tool 1999.");
    expect(toolDefinitionParts({ tools: "not a list", path: ["tools"] })).toEqual([]);
  });
});
