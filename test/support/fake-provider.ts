// A fake model provider on loopback speaking the OpenAI and Anthropic wire formats — the one thing we mock, since the
// real providers are outside our control. Behaviour is chosen by the model name so workerd tests can steer it too:
//   *-slow-stream     5 chunks, 150 ms apart         *-drop          two chunks, then the socket is destroyed
//   *-flaky-<id>      500 on the first call per id   *-429-<id>      429 + Retry-After: 0 on the first call per id
//   *-down            503, except under /backup       *-hang          never answers (timeout tests)
//   *-garbage         200 with a body that is neither JSON nor SSE (same content-type a good answer would have)
//   *-slow-first[-<ms>]  headers at once, the first body byte after <ms> (default 1500), except under /backup
//   *-slow-headers-<ms>  nothing for <ms>, then a whole (non-streamed) answer, as providers answer whole calls
//   *-500             always 500                      *-ratelimited   always 429 + Retry-After: 30
//   *-reset           the socket is destroyed before any byte of the answer
//   *-stall           (streams) three events, then silence with the connection open until the client hangs up
//   *-bad-status      status 999, which HTTP/1.1 parsers accept and no web Response can carry
//   *-redirect        307 to the same path under /redirected, except under /backup (answered normally there, so a
//                     client that follows it gets a good answer: tests assert nothing ever arrives under /redirected)
//   *-tool-call*      the answer text goes out as a tool call's arguments instead (fake-tool-calls.ts)
//   *-opinions        answers OPINIONS_ANSWER (benign, but blocked as a jailbreak when resent as input)
//   *-tokens          streams in token-sized deltas (words, long ones in pieces) instead of 5 chunks
// Every request is logged (path, headers, body) and readable at GET /__requests for assertions.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRandom } from "../../redteam/seeded-random";
import { responsesBody, responsesEvents } from "../../shared/providers/responses-wire";
import { splitInto, splitIntoTokens } from "./split-into";
import { toolCallBody, toolCallEvents } from "./fake-tool-calls";

export interface LoggedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface FakeProvider {
  url: string;
  requests: LoggedRequest[];
  stop(): Promise<void>;
}

export const FAKE_PROVIDER_KEY = "sk-fake-provider-key-0123456789";

function lastUserText(body: Record<string, unknown>): string {
  if (typeof body.input === "string") return body.input; // the Responses API's one-string input
  const list = body.messages ?? body.input;
  const messages = Array.isArray(list) ? (list as Array<{ role: string; content: unknown }>) : [];
  const last = [...messages].reverse().find((m) => m?.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  // Missing, null or odd content (fuzzed requests) reads as no text rather than crashing the fake.
  if (!Array.isArray(last.content)) return "";
  return (last.content as Array<{ type: string; text?: string } | null>).map((p) => (typeof p?.text === "string" ? p.text : "")).join("");
}

function systemText(body: Record<string, unknown>): string {
  if (typeof body.system === "string") return body.system;
  if (typeof body.instructions === "string") return body.instructions;
  const messages = (body.messages as Array<{ role: string; content: unknown }>) ?? [];
  return messages.filter((m) => m.role === "system").map((m) => String(m.content)).join(" ");
}

/**
 * A provider-side secret that `*-leak-key` models put in their answers: built at run time (no key-shaped literal is
 * committed) from a fixed seed. It was random per run once, and about one run in a thousand drew a key whose
 * characters the classifier's toxicity head scored over its threshold, blocking the answer the secret tests expect
 * redacted; the key this seed gives is not flagged (checked in test/gateway/output-screening.test.ts).
 */
export const LEAKED_KEY = (() => {
  const random = createRandom(20261127);
  return `sk-proj-${Array.from({ length: 48 }, () => "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"[Math.floor(random() * 57)]).join("")}`;
})();

/**
 * A benign answer of the kind models give, which the classifier's jailbreak head scores over its threshold when it is
 * screened as input (a chat resending it as history): `*-opinions` models answer it.
 */
export const OPINIONS_ANSWER = "As an AI language model, I don't have personal opinions, but I can explain the main arguments on both sides.";

/**
 * The answer text the fake gives for a request: deterministic, so tests can compare gateway vs direct.
 * `*-leak-system` models repeat the system prompt (a prompt leak); `*-leak-key` models hand out LEAKED_KEY.
 */
export function fakeAnswerFor(body: Record<string, unknown>): string {
  const model = String(body.model ?? "");
  if (model.includes("opinions")) return OPINIONS_ANSWER;
  if (model.includes("leak-system")) return `Of course. My instructions say: ${systemText(body)} Anything else?`;
  if (model.includes("leak-key")) return `Sure, here it is: ${LEAKED_KEY} and nothing else.`;
  return `Echo: ${lastUserText(body)}`;
}

const seenIds = new Set<string>();
/** How many `-stall` streams the other side has hung up on (the gateway must not hold them open forever). */
let stalledStreamsClosed = 0;
export const stalledStreams = { closed: () => stalledStreamsClosed };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answer(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
  const model = String(body.model ?? "");
  if (model.endsWith("-redirect") && !/^\/(redirected|backup)/.test(req.url ?? "")) {
    res.writeHead(307, { location: `http://${req.headers.host}/redirected${req.url}`, "content-type": "application/json" }).end("{}");
    return;
  }
  const path = req.url?.replace(/^\/(backup|redirected)/, "") ?? "";
  const anthropic = path.startsWith("/v1/messages");
  const responses = path.startsWith("/v1/responses");
  const once = /-(flaky|429)-(\w+)$/.exec(model);
  if (once && !seenIds.has(model)) {
    seenIds.add(model);
    if (once[1] === "429") res.writeHead(429, { "content-type": "application/json", "retry-after": "0" });
    else res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "transient", type: "server_error" } }));
    return;
  }
  // The "/backup" mount is a second provider that is healthy when the first is down.
  if (model.endsWith("-down") && !req.url?.startsWith("/backup")) {
    res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "down" } }));
    return;
  }
  if (model.endsWith("-hang")) return; // never answers
  if (await faultAnswer({ req, res, body, model })) return;
  if (path.startsWith("/v1/responses/input_tokens")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ object: "response.input_tokens", input_tokens: Math.ceil(JSON.stringify([body.instructions ?? "", body.input ?? ""]).length / 4) }));
    return;
  }
  if (path.startsWith("/v1/messages/count_tokens")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ input_tokens: Math.ceil(JSON.stringify([body.system ?? "", body.messages ?? ""]).length / 4) }));
    return;
  }
  if (path.startsWith("/v1/embeddings")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ object: "list", data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2] }], model, usage: { prompt_tokens: 2, total_tokens: 2 } }));
    return;
  }
  const text = fakeAnswerFor(body);
  if (model.includes("tool-call")) {
    const dialect = responses ? "responses" : anthropic ? "messages" : "chat";
    res.writeHead(200, { "content-type": body.stream === true ? "text/event-stream" : "application/json" });
    res.end(body.stream === true ? toolCallEvents({ dialect, model, text }).join("") : JSON.stringify(toolCallBody({ dialect, model, text })));
    return;
  }
  const usage = { prompt_tokens: 12, completion_tokens: Math.ceil(text.length / 4) };
  const responsesUsage = { input_tokens: 12, output_tokens: usage.completion_tokens };
  // "-container" Anthropic models answer as code execution does: with the container the call ran in.
  const container = model.includes("-container") ? { container: { id: "container_fake", expires_at: "2026-11-27T12:00:00Z" } } : {};
  if (body.stream !== true) {
    res.writeHead(200, { "content-type": "application/json", "x-provider-secret-header": "must-not-leak" });
    res.end(
      JSON.stringify(
        responses
          ? responsesBody({ model, chunks: [text], usage: responsesUsage })
          : anthropic
          ? { id: "msg_fake", type: "message", role: "assistant", model, content: [{ type: "text", text }], stop_reason: "end_turn", stop_sequence: null, ...container, usage: { input_tokens: 12, output_tokens: usage.completion_tokens } }
          : { id: "chatcmpl-fake", object: "chat.completion", created: 1, model, choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } },
      ),
    );
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const delay = model.includes("slow-stream") ? 150 : 0;
  const parts = model.includes("-tokens") ? splitIntoTokens(text) : splitInto(text, 5);
  const events: string[] = [];
  if (responses) {
    events.push(...responsesEvents({ model, chunks: parts, usage: responsesUsage }));
  } else if (anthropic) {
    const ev = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    events.push(ev("message_start", { message: { id: "msg_fake", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }));
    events.push(ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } }));
    for (const part of parts) events.push(ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: part } }));
    events.push(ev("content_block_stop", { index: 0 }));
    events.push(ev("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null, ...container }, usage: { output_tokens: usage.completion_tokens } }));
    events.push(ev("message_stop", {}));
  } else {
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
    events.push(chunk({ role: "assistant", content: "" }, null));
    for (const part of parts) events.push(chunk({ content: part }, null));
    events.push(chunk({}, "stop"));
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
      events.push(`data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`);
    }
    events.push("data: [DONE]\n\n");
  }
  for (let i = 0; i < events.length; i++) {
    if (model.endsWith("-stall") && i === 3) {
      // Goes silent mid-stream with the connection open, as a wedged provider does, until the other side hangs up.
      await new Promise<void>((resolve) => res.once("close", () => resolve()));
      stalledStreamsClosed++;
      return;
    }
    if (model.endsWith("-drop") && i === 3) {
      await sleep(50); // let the first events reach the client, then reset the connection mid-stream
      res.socket?.destroy();
      return;
    }
    if (res.destroyed) return;
    res.write(events[i]);
    if (delay) await sleep(delay);
  }
  res.end();
}

/** The fault behaviours added for the hardening suite; true when the request was answered (or dropped) here. */
async function faultAnswer(options: { req: IncomingMessage; res: ServerResponse; body: Record<string, unknown>; model: string }): Promise<boolean> {
  const { req, res, body, model } = options;
  if (model.endsWith("-reset")) {
    res.socket?.destroy();
    return true;
  }
  if (model.endsWith("-500")) {
    res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "boom", type: "server_error" } }));
    return true;
  }
  if (model.endsWith("-ratelimited")) {
    res.writeHead(429, { "content-type": "application/json", "retry-after": "30" }).end(JSON.stringify({ error: { message: "slow down", type: "rate_limit_error" } }));
    return true;
  }
  if (model.endsWith("-bad-status")) {
    res.writeHead(999, { "content-type": "application/json" }).end("{}");
    return true;
  }
  if (model.endsWith("-garbage")) {
    res.writeHead(200, { "content-type": body.stream === true ? "text/event-stream" : "application/json" });
    res.end("<html>\u0000\u00ff not json {{{ ]]] data; nope\r\n\r\n</html>");
    return true;
  }
  const slowHeaders = /-slow-headers-(\d+)$/.exec(model);
  if (slowHeaders) {
    // As providers answer whole (non-streamed) calls: nothing at all until the answer is generated.
    await sleep(Number(slowHeaders[1]));
    if (res.destroyed) return true;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "slow", object: "chat.completion", created: 1, model, choices: [{ index: 0, message: { role: "assistant", content: "worth the wait", refusal: null }, logprobs: null, finish_reason: "stop" }] }));
    return true;
  }
  const slow = /-slow-first(?:-(\d+))?$/.exec(model);
  if (slow && !req.url?.startsWith("/backup")) {
    res.writeHead(200, { "content-type": body.stream === true ? "text/event-stream" : "application/json" });
    res.flushHeaders();
    await sleep(Number(slow[1] ?? 1500));
    if (res.destroyed) return true;
    // Late but well-formed: whatever the gateway does with it, it must not have waited this long.
    res.end(body.stream === true ? "data: [DONE]\n\n" : JSON.stringify({ id: "late", object: "chat.completion", created: 1, model, choices: [] }));
    return true;
  }
  return false;
}

export async function startFakeProvider(options: { port?: number } = {}): Promise<FakeProvider> {
  const requests: LoggedRequest[] = [];
  const server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/__requests") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(requests));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end("bad json");
      return;
    }
    requests.push({ path: req.url ?? "", headers: req.headers, body });
    await answer(req, res, body).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
