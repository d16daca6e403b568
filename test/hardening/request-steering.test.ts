// Security checks on the Node server against requests that try to steer the gateway: SSRF (the upstream URL comes
// only from operator config — never from body fields, Host/forwarding headers or the model name), header injection
// (CR/LF in values the gateway reflects or forwards never splits a header), path traversal (no route serves files),
// and duplicate credentials (fail closed). Caller keys never being forwarded is tested in test/gateway; a provider's
// redirect never being followed in provider-faults.test.ts and the workerd gateway test.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_PROVIDER_KEY } from "../support/fake-provider";
import { envelopeProblem, startHardeningGateway, stillServing, tryJson, type HardeningGateway } from "./hardening-gateway";
import { rawRequest } from "./raw-http";

let gateway: HardeningGateway;
let evil: { url: string; hits: string[]; server: Server };

beforeAll(async () => {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end('{"pwned":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  evil = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
  gateway = await startHardeningGateway({
    configure: (base) => ({
      ...base,
      providers: { ...base.providers, azure: { type: "azure-openai", baseUrl: base.providers.backup.baseUrl.replace(/\/backup\/v1$/, ""), apiKey: FAKE_PROVIDER_KEY, maxRetries: 0 } },
      // A catch-all last route, as operators often write: any other model name goes to the Azure deployment of that name.
      routes: [...base.routes, { model: "*", provider: "azure" }],
    }),
  });
});
afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => evil?.server.close(resolve));
});

async function chat(options: { body: Record<string, unknown>; headers?: Array<[string, string]>; host?: string; path?: string }) {
  return rawRequest({
    port: gateway.port,
    method: "POST",
    path: options.path ?? "/v1/chat/completions",
    host: options.host,
    headers: [["authorization", `Bearer ${gateway.key}`], ["content-type", "application/json"], ...(options.headers ?? [])],
    body: JSON.stringify(options.body),
  });
}

let markers = 0;
/** A unique, plain-words marker (random alphanumerics can look like a secret to the screening and get redacted). */
const nextMarker = () => `steering check ${++markers} ${Date.now() % 100_000} end`;
const seenWith = (marker: string) => gateway.fake.requests.filter((r) => JSON.stringify(r.body).includes(marker));

describe("SSRF: the upstream comes from operator config only", () => {
  it("ignores URL-like body fields and Host / forwarding headers: the configured provider path gets the call", async () => {
    const marker = nextMarker();
    const hostile = Object.fromEntries(["api_base", "base_url", "baseURL", "baseUrl", "url", "endpoint", "provider", "host", "azure_endpoint"].map((f) => [f, `${evil.url}/steal`]));
    const evilHost = new URL(evil.url).host;
    const answer = await chat({
      body: { model: "gpt-4o-mini", messages: [{ role: "user", content: marker }], ...hostile },
      host: evilHost,
      headers: [["x-forwarded-host", evilHost], ["x-forwarded-proto", "http"], ["forwarded", `host=${evilHost};proto=http`], ["x-original-url", `${evil.url}/x`], ["x-rewrite-url", "/steal"], ["x-forwarded-for", "169.254.169.254"]],
    });
    expect(answer.status).toBe(200);
    expect(seenWith(marker).map((r) => r.path)).toEqual(["/v1/chat/completions"]);
    expect(evil.hits).toEqual([]);
  });

  const steeringModels = ["gpt-4o/../../admin", "gpt-../../../etc/passwd", "gpt-4o@evil.example", `gpt-${evil?.url ?? "http://127.0.0.1:1"}/x`, "gpt-4o?x=http://evil", "gpt-4o#frag", "gpt-%2e%2e%2fevil", "gpt-4o\\..\\evil"];
  it("passes a routed model name as data only: same provider path, model field unchanged", async () => {
    for (const model of steeringModels) {
      const marker = nextMarker();
      const answer = await chat({ body: { model, messages: [{ role: "user", content: marker }] } });
      expect(answer.status, model).toBe(200);
      const seen = seenWith(marker);
      expect(seen.map((r) => r.path), model).toEqual(["/v1/chat/completions"]);
      expect(seen[0].body.model, model).toBe(model);
    }
    const marker = nextMarker();
    const answer = await chat({ path: "/v1/messages", body: { model: "claude-../../v1/chat/completions@evil", max_tokens: 8, messages: [{ role: "user", content: marker }] } });
    expect(answer.status).toBe(200);
    expect(seenWith(marker).map((r) => r.path)).toEqual(["/v1/messages"]);
    expect(evil.hits).toEqual([]);
  });

  it("keeps a model name that becomes a URL segment (Azure deployments) inside the deployments path", async () => {
    for (const model of ["my-deployment/../../evil", "x%2f..%2fevil", "x?api-version=evil", "x#y", "evil.example@x"]) {
      const marker = nextMarker();
      const answer = await chat({ body: { model, messages: [{ role: "user", content: marker }] } });
      expect(answer.status, model).toBe(200);
      const [seen] = seenWith(marker);
      expect(seen.path, model).toMatch(/^\/openai\/deployments\/[^/?#]+\/chat\/completions\?api-version=[^&]+$/);
    }
    expect(evil.hits).toEqual([]);
  });

  it("routes a model name with CR/LF nowhere: 404, nothing reaches any upstream", async () => {
    const marker = nextMarker();
    const answer = await chat({ body: { model: "gpt-4o\r\nhost: evil", messages: [{ role: "user", content: marker }] } });
    expect(answer.status).toBe(404);
    expect(seenWith(marker)).toEqual([]);
  });
});

describe("header injection", () => {
  const injections = ["abc\r\nx-injected: 1", "abc\r\n x-injected: 1", "abc\nx-injected: 1", "abc\rx-injected: 1", "abc%0d%0ax-injected:%201", "abc\u0085x-injected: 1"];

  it("never splits a reflected (x-request-id) or forwarded (anthropic-beta, openai-beta) header", async () => {
    for (const value of injections) {
      const marker = nextMarker();
      const answer = await chat({
        body: { model: "gpt-4o-mini", messages: [{ role: "user", content: marker }] },
        headers: [["x-request-id", value], ["anthropic-beta", value], ["openai-beta", value]],
      });
      // Either the HTTP layer refuses the request (400), or the app answers; never a split header anywhere.
      expect([200, 400], JSON.stringify(value)).toContain(answer.status);
      expect(answer.headers.map((h) => h.name)).not.toContain("x-injected");
      for (const header of answer.headers) expect(header.value).not.toMatch(/[\r\n]/);
      const requestId = answer.headers.find((h) => h.name === "x-request-id")?.value;
      if (requestId) expect(requestId).toMatch(/^[\w=-]+$/);
      for (const seen of seenWith(marker)) {
        expect(Object.keys(seen.headers)).not.toContain("x-injected");
        for (const forwarded of [seen.headers["anthropic-beta"], seen.headers["openai-beta"]]) expect(String(forwarded ?? "")).not.toMatch(/[\r\n]/);
      }
    }
    expect(await stillServing(gateway)).toBe(true);
  });
});

describe("path traversal", () => {
  const paths = ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/v1/../../etc/passwd", "/etc/passwd", "//etc/passwd", "/v1/models/..%2f..%2fpackage.json", "/.env", "/.dev.vars", "/.git/config", "/package.json", "/wrangler.toml", "/README.md", "/static/../../package.json", "/..\\..\\etc\\passwd", "/%c0%ae%c0%ae/etc/passwd", "/workers/app.ts", "/node_modules/hono/package.json"];

  it("answers 404 JSON for every file-like path, and no file content", async () => {
    for (const path of paths) {
      for (const method of ["GET", "POST"]) {
        const answer = await rawRequest({ port: gateway.port, method, path, headers: [["authorization", `Bearer ${gateway.key}`]] });
        // 400: the HTTP layer refused the request line itself (e.g. backslashes) before any route saw it.
        expect([400, 404], `${method} ${path}`).toContain(answer.status);
        if (answer.status === 404) expect(envelopeProblem({ dialect: "openai", body: tryJson(answer.body) }), path).toBeNull();
        expect(answer.body).not.toMatch(/root:|"name": ?"edgeguard"|\[vars\]|ADMIN_TOKEN|\[core\]|import /);
      }
    }
  });
});

describe("duplicate credentials", () => {
  it("refuses two Authorization headers (valid + other, either order) instead of picking one", async () => {
    const other = "Bearer eg_other_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    for (const pair of [[`Bearer ${gateway.key}`, other], [other, `Bearer ${gateway.key}`], [`Bearer ${gateway.key}`, `Bearer ${gateway.key}`]]) {
      const answer = await rawRequest({ port: gateway.port, method: "GET", path: "/v1/models", headers: pair.map((v): [string, string] => ["authorization", v]) });
      expect(answer.status, pair.join(" + ")).toBe(401);
      expect(tryJson(answer.body)).toMatchObject({ error: { code: "invalid_api_key" } });
    }
  });
});
