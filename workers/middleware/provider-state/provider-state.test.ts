// Requests and the state the provider keeps under the gateway's shared account, through the Node server with the
// official SDKs: background answers refused for everyone; references to stored state refused, and storing switched
// off, for a tenant whose policy says `providerState: "none"`.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedStateReferences } from "../../../shared/api/provider-state";
import { startFakeGateway, type FakeGateway } from "../../../test/support/fake-gateway";

let shared: FakeGateway;
let isolated: FakeGateway;

beforeAll(async () => {
  [shared, isolated] = await Promise.all([
    startFakeGateway(),
    startFakeGateway({ tenant: { policy: "isolated" }, config: { policies: { isolated: { providerState: "none" } } } }),
  ]);
});
afterAll(() => Promise.all([shared?.close(), isolated?.close()]));

const client = (gateway: FakeGateway) => new OpenAI({ baseURL: `${gateway.server.url}/v1`, apiKey: gateway.key.key, maxRetries: 0 });
const lastForwarded = (gateway: FakeGateway) => gateway.fake.requests.at(-1)?.body as Record<string, unknown> | undefined;
const lastAudit = async (gateway: FakeGateway) => {
  await new Promise((resolve) => setTimeout(resolve, 30));
  return gateway.audit.records.at(-1);
};

describe("storedStateReferences", () => {
  it("finds previous responses, conversations and items named by id, in body order", () => {
    const body = {
      previous_response_id: "resp_1",
      conversation: { id: "conv_1" },
      input: [
        { role: "user", content: "hi" },
        { type: "item_reference", id: "msg_1" },
        { id: "msg_2" },
        { type: "reasoning", id: "rs_1", summary: [] },
        { type: "reasoning", id: "rs_2", summary: [], encrypted_content: "gAAAA…" },
        { type: "message", id: "msg_3", role: "assistant", content: [{ type: "output_text", text: "carried whole" }] },
        { type: "function_call_output", call_id: "call_1", output: "42" },
      ],
    };
    expect(storedStateReferences(body).map((r) => r.param)).toEqual(["previous_response_id", "conversation", "input[1]", "input[2]", "input[3]"]);
  });

  it("finds containers named by id, in Responses tools and in Anthropic's top-level field, not ones made for the call", () => {
    const tools = [{ type: "code_interpreter", container: { type: "auto" } }, { type: "code_interpreter", container: "cntr_1" }, { type: "web_search" }];
    expect(storedStateReferences({ input: "x", tools }).map((r) => r.param)).toEqual(["tools[1].container"]);
    expect(storedStateReferences({ messages: [], container: "container_1" }).map((r) => r.param)).toEqual(["container"]);
    expect(storedStateReferences({ messages: [], container: { id: "container_1", skills: [] } }).map((r) => r.param)).toEqual(["container"]);
    expect(storedStateReferences({ messages: [], container: { skills: [] } })).toEqual([]);
  });

  it("finds nothing in a self-contained request", () => {
    expect(storedStateReferences({ input: "hello", previous_response_id: null })).toEqual([]);
    expect(storedStateReferences({ input: [{ role: "user", content: "hi" }] })).toEqual([]);
  });
});

describe("provider state on the Responses routes", () => {
  it("refuses a background response for every tenant, before anything reaches the provider", async () => {
    const before = shared.fake.requests.length;
    const error = await client(shared).responses.create({ model: "gpt-4o-mini", input: "hi", background: true }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.error).toMatchObject({ code: "invalid_request", param: "background" });
    expect(error.message).toContain("could not be screened");
    expect(shared.fake.requests.length).toBe(before);
    expect(await lastAudit(shared)).toMatchObject({ status: 400, reason: "background_unsupported" });
  });

  it("forwards references to stored state as they are under the default policy", async () => {
    await client(shared).responses.create({ model: "gpt-4o-mini", input: "and then?", previous_response_id: "resp_abc" });
    expect(lastForwarded(shared)).toMatchObject({ previous_response_id: "resp_abc" });
    expect(lastForwarded(shared)).not.toHaveProperty("store");
  });

  it("refuses them under providerState none, naming the field, and asks the provider to store nothing otherwise", async () => {
    const before = isolated.fake.requests.length;
    const error = await client(isolated).responses.create({ model: "gpt-4o-mini", input: "and then?", previous_response_id: "resp_abc" }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.error).toMatchObject({ code: "invalid_request", param: "previous_response_id" });
    const item = await client(isolated)
      .responses.create({ model: "gpt-4o-mini", input: [{ type: "item_reference", id: "msg_abc" }] })
      .catch((e) => e);
    expect(item.error).toMatchObject({ param: "input[0]" });
    expect(isolated.fake.requests.length).toBe(before);
    expect(await lastAudit(isolated)).toMatchObject({ status: 400, reason: "provider_state_reference" });

    const answer = await client(isolated).responses.create({ model: "gpt-4o-mini", input: "a self-contained turn", store: true });
    expect(answer.output_text).toContain("a self-contained turn");
    expect(lastForwarded(isolated)).toMatchObject({ store: false, input: "a self-contained turn" });
  });

  it("refuses an Anthropic code-execution container named by id under providerState none", async () => {
    const anthropic = new Anthropic({ baseURL: isolated.server.url, apiKey: isolated.key.key, maxRetries: 0 });
    const request = { model: "claude-sonnet-4-6", max_tokens: 50, messages: [{ role: "user" as const, content: "list the files" }] };
    const error = await anthropic.messages.create({ ...request, container: "container_abc" } as never).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    const answer = await anthropic.messages.create(request);
    expect(answer.content[0]).toMatchObject({ type: "text" });
    expect(lastForwarded(isolated)).not.toHaveProperty("store");
  });

  it("applies the same references rule to input token counts, which store nothing", async () => {
    const count = (body: object) =>
      fetch(`${isolated.server.url}/v1/responses/input_tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${isolated.key.key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", ...body }),
      });
    const refused = await count({ input: "more", previous_response_id: "resp_abc" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ param: "previous_response_id" });
    const counted = await count({ input: "just this" });
    expect(counted.status).toBe(200);
    expect(lastForwarded(isolated)).not.toHaveProperty("store");
  });
});
