// The default providerState, "tenant", end to end: two tenants behind one gateway and one provider account, the
// official OpenAI and Anthropic SDKs as clients. A tenant's stored responses and items, and its Anthropic code-execution
// containers, come back to it under ids bound to it, whole and streamed, and work when sent back; the provider only
// ever sees its own ids; the other tenant's use of them, and ids that never went through the gateway, are refused
// before the provider.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryAuditSink } from "../../../shared/audit/memory-sink";
import { startNodeServer, type NodeServer } from "../../node";
import { startFakeProvider, type FakeProvider } from "../../../test/support/fake-provider";
import { buildConfig, makeKey, providerSection } from "../../../test/support/test-config";

let fake: FakeProvider;
let server: NodeServer;
let acme: OpenAI;
let globex: OpenAI;
let acmeClaude: Anthropic;
let globexClaude: Anthropic;
const audit = createMemoryAuditSink();

beforeAll(async () => {
  fake = await startFakeProvider();
  const [acmeKey, globexKey] = await Promise.all([makeKey(), makeKey()]);
  const config = buildConfig({
    ...providerSection(fake.url),
    providerStateSecret: "env:TEST_PROVIDER_STATE_SECRET",
    tenants: [{ id: "acme", keys: [acmeKey.config] }, { id: "globex", keys: [globexKey.config] }],
  });
  server = await startNodeServer({ config, port: 0, auditSink: audit, env: { TEST_PROVIDER_STATE_SECRET: "s3cret-".repeat(6) } });
  const client = (key: string) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: key, maxRetries: 0 });
  [acme, globex] = [client(acmeKey.key), client(globexKey.key)];
  const claude = (key: string) => new Anthropic({ baseURL: server.url, apiKey: key, maxRetries: 0 });
  [acmeClaude, globexClaude] = [claude(acmeKey.key), claude(globexKey.key)];
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

const BOUND = /^(resp|msg)_edgeguard\.eg1[A-Za-z0-9_-]{22}$/;
const forwarded = () => fake.requests.at(-1)?.body as Record<string, unknown>;

describe('providerState "tenant" (the default) with a providerStateSecret', () => {
  it("hands out bound ids, takes them back as previous_response_id, and forwards the provider's own", async () => {
    const first = await acme.responses.create({ model: "gpt-4o-mini", input: "Remember the number 7." });
    expect(first.id).toMatch(BOUND);
    expect(first.output[0].id).toMatch(BOUND);
    expect(forwarded()).not.toHaveProperty("store"); // stored as the client asked (the API's default)

    const second = await acme.responses.create({ model: "gpt-4o-mini", input: "Which number?", previous_response_id: first.id });
    expect(forwarded()).toMatchObject({ previous_response_id: "resp_edgeguard" });
    expect(second.output_text).toContain("Which number?");
    expect(second.id).toBe(first.id); // the fake provider's one id, bound for the same tenant the same way
  });

  it("binds the ids in a stream too: the SDK's events and final response carry the tenant's ids", async () => {
    const stream = acme.responses.stream({ model: "gpt-4o-mini", input: "Stream me something." });
    const itemIds = new Set<string>();
    stream.on("response.output_text.delta", (event) => itemIds.add(event.item_id));
    const final = await stream.finalResponse();
    expect(final.id).toMatch(BOUND);
    expect([...itemIds]).toEqual([final.output[0].id]);
    expect(final.output[0].id).toMatch(BOUND);
    await acme.responses.create({ model: "gpt-4o-mini", input: "Go on.", previous_response_id: final.id });
    expect(forwarded()).toMatchObject({ previous_response_id: "resp_edgeguard" });
  });

  it("takes back the items of an earlier answer passed in as history, with the provider's ids", async () => {
    const first = await acme.responses.create({ model: "gpt-4o-mini", input: "Say hi." });
    const history = [{ role: "user" as const, content: "Say hi." }, ...first.output, { role: "user" as const, content: "Again." }];
    await acme.responses.create({ model: "gpt-4o-mini", input: history as OpenAI.Responses.ResponseInput, store: false });
    expect((forwarded().input as Array<{ id?: string }>)[1].id).toBe("msg_edgeguard");
  });

  it("refuses another tenant's ids, and ids that never went through the gateway, before the provider", async () => {
    const mine = await acme.responses.create({ model: "gpt-4o-mini", input: "Private to acme." });
    const before = fake.requests.length;
    for (const attempt of [
      () => globex.responses.create({ model: "gpt-4o-mini", input: "Continue.", previous_response_id: mine.id }),
      () => globex.responses.create({ model: "gpt-4o-mini", input: [{ type: "item_reference", id: mine.output[0].id! }] }),
      () => acme.responses.create({ model: "gpt-4o-mini", input: "Continue.", previous_response_id: "resp_edgeguard" }),
    ]) {
      const error = await attempt().catch((e) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.error).toMatchObject({ code: "invalid_request" });
      expect(error.message).toContain("not made for this key's tenant");
    }
    const conversation = await acme.responses.create({ model: "gpt-4o-mini", input: "Continue.", conversation: "conv_123" }).catch((e) => e);
    expect(conversation.error).toMatchObject({ code: "invalid_request", param: "conversation" });
    expect(conversation.message).toContain("binds only stored responses, their items and containers");
    expect(fake.requests.length).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(audit.records.at(-1)).toMatchObject({ status: 400, reason: "provider_state_reference" });
  });

  it("binds Anthropic's code-execution container, whole and streamed, and takes it back for the same tenant only", async () => {
    type WithContainer = { container?: { id: string } | null };
    const request = { model: "claude-sonnet-4-container", max_tokens: 64, messages: [{ role: "user" as const, content: "Run the numbers." }] };
    const whole = (await acmeClaude.messages.create(request)) as WithContainer;
    expect(whole.container?.id).toMatch(/^container_fake\.eg1[A-Za-z0-9_-]{22}$/);
    const streamed = (await acmeClaude.messages.stream(request).finalMessage()) as WithContainer;
    expect(streamed.container?.id).toBe(whole.container!.id);

    await acmeClaude.messages.create({ ...request, container: whole.container!.id } as never);
    expect(forwarded()).toMatchObject({ container: "container_fake" });
    const before = fake.requests.length;
    const foreign = await globexClaude.messages.create({ ...request, container: whole.container!.id } as never).catch((e) => e);
    expect(foreign).toBeInstanceOf(Anthropic.BadRequestError);
    expect(foreign.error).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    const raw = await acmeClaude.messages.create({ ...request, container: "container_fake" } as never).catch((e) => e);
    expect(raw).toBeInstanceOf(Anthropic.BadRequestError);
    expect(fake.requests.length).toBe(before);
  });

  it("unbinds previous_response_id for input token counts too", async () => {
    const first = await acme.responses.create({ model: "gpt-4o-mini", input: "Count on me." });
    const counted = await acme.responses.inputTokens.count({ model: "gpt-4o-mini", input: "And this?", previous_response_id: first.id });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(forwarded()).toMatchObject({ previous_response_id: "resp_edgeguard" });
  });
});
