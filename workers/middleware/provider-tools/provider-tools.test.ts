// Tools the provider runs itself, through the Node server with the official SDKs: allowed by default; refused with a
// 400 naming the tool for a tenant whose policy says `providerTools: "none"`, before anything reaches the provider,
// while tools the client runs (functions, custom and Anthropic's schema tools) still pass.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerToolUses } from "../../../shared/api/provider-tools";
import { startFakeGateway, type FakeGateway } from "../../../test/support/fake-gateway";

let open: FakeGateway;
let closed: FakeGateway;

beforeAll(async () => {
  [open, closed] = await Promise.all([
    startFakeGateway(),
    startFakeGateway({ tenant: { policy: "clientTools" }, config: { policies: { clientTools: { providerTools: "none" } } } }),
  ]);
});
afterAll(() => Promise.all([open?.close(), closed?.close()]));

const openai = (gateway: FakeGateway) => new OpenAI({ baseURL: `${gateway.server.url}/v1`, apiKey: gateway.key.key, maxRetries: 0 });
const anthropic = (gateway: FakeGateway) => new Anthropic({ baseURL: gateway.server.url, apiKey: gateway.key.key, maxRetries: 0 });
const weather = { type: "function" as const, name: "get_weather", parameters: { type: "object", properties: {} }, strict: false };

describe("providerToolUses", () => {
  it("finds hosted tools, chat's web search and Anthropic's MCP servers; not the tools a client runs", () => {
    const body = {
      tools: [
        weather,
        { type: "custom", name: "run_sql" },
        { type: "web_search" },
        { type: "computer_use_preview", display_width: 1024, display_height: 768 },
        { type: "mcp", server_label: "docs", server_url: "https://mcp.example" },
        { name: "lookup", input_schema: { type: "object" } },
        { type: "bash_20250124", name: "bash" },
        { type: "web_fetch_20250910", name: "web_fetch" },
        { type: "a_tool_added_next_year" },
      ],
      web_search_options: {},
      mcp_servers: [{ type: "url", url: "https://mcp.example", name: "docs" }],
    };
    expect(providerToolUses(body).map((use) => `${use.param}=${use.tool}`)).toEqual([
      "tools[2]=web_search", "tools[4]=mcp", "tools[7]=web_fetch_20250910", "tools[8]=a_tool_added_next_year", "web_search_options=web_search", "mcp_servers=mcp",
    ]);
    expect(providerToolUses({ messages: [], tools: [{ name: "lookup", input_schema: { type: "object" } }], mcp_servers: [] })).toEqual([]);
  });
});

describe("provider-run tools on the generating routes", () => {
  it("are forwarded by default", async () => {
    await openai(open).responses.create({ model: "gpt-4o-mini", input: "Search the news. (open)", tools: [{ type: "web_search" }] });
    expect(open.fake.requests.at(-1)?.body.tools).toEqual([{ type: "web_search" }]);
  });

  it('are refused under providerTools "none", naming the tool, in each API; client-run tools pass', async () => {
    const before = closed.fake.requests.length;
    const responses = await openai(closed).responses.create({ model: "gpt-4o-mini", input: "Search the news.", tools: [weather, { type: "web_search" }] }).catch((e) => e);
    expect(responses).toBeInstanceOf(OpenAI.BadRequestError);
    expect(responses).toMatchObject({ param: "tools[1]", code: "invalid_request" });
    expect(String(responses.message)).toMatch(/web_search/);
    const chat = await openai(closed)
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "News?" }], web_search_options: {} })
      .catch((e) => e);
    expect(chat).toMatchObject({ status: 400, param: "web_search_options" });
    const messages = await anthropic(closed)
      .messages.create({ model: "claude-sonnet-4-6", max_tokens: 32, messages: [{ role: "user", content: "News?" }], tools: [{ type: "web_search_20250305", name: "web_search" }] })
      .catch((e) => e);
    expect(messages).toBeInstanceOf(Anthropic.BadRequestError);
    expect(closed.fake.requests.length).toBe(before);
    await expect.poll(() => closed.audit.records.at(-1)?.reason).toBe("provider_tool_refused");

    await openai(closed).responses.create({ model: "gpt-4o-mini", input: "Weather? (client tool)", tools: [weather] });
    expect(closed.fake.requests.at(-1)?.body.tools).toEqual([weather]);
  });
});
