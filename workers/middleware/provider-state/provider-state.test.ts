// Requests and the state the provider keeps under the gateway's shared account, through the Node server with the
// official SDKs: background answers refused for everyone; references to stored state refused, and storing switched
// off, for a tenant whose policy says `providerState: "none"` (and under the default, "tenant", when the gateway has
// no providerStateSecret); passed through under "shared". Tenant-bound ids: tenant-bound-state.test.ts.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedStateReferences, unbindStateReferences } from "../../../shared/api/provider-state";
import { startFakeGateway, type FakeGateway } from "../../../test/support/fake-gateway";

let shared: FakeGateway;
let isolated: FakeGateway;
let unsigned: FakeGateway;

beforeAll(async () => {
  [shared, isolated, unsigned] = await Promise.all([
    startFakeGateway({ tenant: { policy: "shared" }, config: { policies: { shared: { providerState: "shared" } } } }),
    startFakeGateway({ tenant: { policy: "isolated" }, config: { policies: { isolated: { providerState: "none" } } } }),
    startFakeGateway(), // the default policy ("tenant"), and no providerStateSecret
  ]);
});
afterAll(() => Promise.all([shared?.close(), isolated?.close(), unsigned?.close()]));

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

describe("unbindStateReferences", () => {
  // A stand-in binder: "<id>.eg1" + 22 characters of tag, valid when the tag is all "t".
  const TAG = "t".repeat(22);
  const unbind = async (bound: string) => (bound.endsWith(`.eg1${TAG}`) ? bound.slice(0, -(4 + 22)) : undefined);
  const bound = (id: string) => `${id}.eg1${TAG}`;
  const forged = (id: string) => `${id}.eg1${"f".repeat(22)}`;

  it("unbinds the previous response and the ids of items passed back, leaving everything else as it was", async () => {
    const body = {
      model: "gpt-4o-mini",
      previous_response_id: bound("resp_1"),
      input: [
        { role: "user", content: "hi" },
        { type: "reasoning", id: bound("rs_1"), summary: [] },
        { type: "message", id: bound("msg_1"), role: "assistant", content: [{ type: "output_text", text: "hello" }] },
        { type: "message", id: "msg_client", role: "user", content: "carried whole, raw id" },
        { type: "function_call_output", call_id: "call_1", output: "42" },
      ],
    };
    const result = await unbindStateReferences({ body, unbind });
    expect(result).toEqual({
      ok: true,
      body: {
        ...body,
        previous_response_id: "resp_1",
        input: [body.input[0], { ...body.input[1], id: "rs_1" }, { ...body.input[2], id: "msg_1" }, body.input[3], body.input[4]],
      },
    });
    expect(body.previous_response_id).toBe(bound("resp_1")); // the caller's body is not modified
  });

  it("refuses ids it cannot unbind, references without a bound id, and conversations and containers", async () => {
    const refused = async (body: Record<string, unknown>) => {
      const result = await unbindStateReferences({ body, unbind });
      return result.ok ? undefined : `${result.reference.param}${result.unbindable ? " (unbindable)" : ""}`;
    };
    expect(await refused({ previous_response_id: "resp_raw" })).toBe("previous_response_id");
    expect(await refused({ previous_response_id: forged("resp_1") })).toBe("previous_response_id");
    expect(await refused({ previous_response_id: 42 })).toBe("previous_response_id");
    expect(await refused({ input: [{ type: "item_reference", id: "msg_raw" }] })).toBe("input[0]");
    expect(await refused({ input: [{ type: "reasoning", id: "rs_raw", summary: [] }] })).toBe("input[0]");
    expect(await refused({ input: [{ role: "user", content: "x" }, { type: "message", id: forged("msg_1"), role: "assistant", content: [] }] })).toBe("input[1]");
    expect(await refused({ previous_response_id: bound("resp_1"), conversation: "conv_1" })).toBe("conversation (unbindable)");
    expect(await refused({ input: "x", tools: [{ type: "web_search" }, { type: "code_interpreter", container: "cntr_1" }] })).toBe("tools[1].container");
    expect(await refused({ input: [{ type: "item_reference", id: bound("msg_1") }] })).toBeUndefined();
    expect(await refused({ messages: [], container: "container_raw" })).toBe("container");
    expect(await refused({ messages: [], container: { id: forged("container_1"), skills: [] } })).toBe("container");
  });

  it("unbinds a Responses code-interpreter tool's container, and leaves one the provider makes for the call alone", async () => {
    const tools = [{ type: "code_interpreter", container: { type: "auto" } }, { type: "code_interpreter", container: bound("cntr_1") }];
    expect(await unbindStateReferences({ body: { input: "x", tools }, unbind })).toEqual({
      ok: true, body: { input: "x", tools: [tools[0], { type: "code_interpreter", container: "cntr_1" }] },
    });
  });

  it("unbinds Anthropic's container, named by string or by an object with skills", async () => {
    expect(await unbindStateReferences({ body: { messages: [], container: bound("container_1") }, unbind })).toEqual({
      ok: true, body: { messages: [], container: "container_1" },
    });
    const skills = [{ type: "anthropic", skill_id: "pdf" }];
    expect(await unbindStateReferences({ body: { messages: [], container: { id: bound("container_1"), skills } }, unbind })).toEqual({
      ok: true, body: { messages: [], container: { id: "container_1", skills } },
    });
    expect(await unbindStateReferences({ body: { messages: [], container: { skills } }, unbind })).toEqual({ ok: true, body: { messages: [], container: { skills } } });
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

  it("forwards references to stored state as they are under providerState shared", async () => {
    await client(shared).responses.create({ model: "gpt-4o-mini", input: "and then?", previous_response_id: "resp_abc" });
    expect(lastForwarded(shared)).toMatchObject({ previous_response_id: "resp_abc" });
    expect(lastForwarded(shared)).not.toHaveProperty("store");
  });

  it("refuses them under providerState none, naming the field, and asks the provider to store nothing otherwise", async () => {
    const before = isolated.fake.requests.length;
    const error = await client(isolated).responses.create({ model: "gpt-4o-mini", input: "and then?", previous_response_id: "resp_abc" }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.error).toMatchObject({ code: "invalid_request", param: "previous_response_id" });
    expect(error.error.message).toBe("This key's policy does not allow referencing a stored response: send the conversation itself instead.");
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

  it("acts as none under the default policy when the gateway has no secret to bind ids with, and says so", async () => {
    const before = unsigned.fake.requests.length;
    const error = await client(unsigned).responses.create({ model: "gpt-4o-mini", input: "and then?", previous_response_id: "resp_abc" }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.error).toMatchObject({ code: "invalid_request", param: "previous_response_id" });
    expect(error.message).toContain("providerStateSecret");
    expect(unsigned.fake.requests.length).toBe(before);
    const answer = await client(unsigned).responses.create({ model: "gpt-4o-mini", input: "a self-contained turn" });
    expect(answer.id).toBe("resp_edgeguard"); // nothing to bind with: the provider's id as it is
    expect(lastForwarded(unsigned)).toMatchObject({ store: false });
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
