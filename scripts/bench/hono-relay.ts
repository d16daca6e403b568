// The framework floor: Hono on @hono/node-server taking the chat request, parsing and re-serialising its JSON,
// forwarding it through the gateway's own upstream fetch and relaying the parsed answer; no auth, limits, screening
// or audit. Between the bare proxy and `edgeguard serve`, it shows how much of the gateway's cost is the stack it
// is built on. Run by the benchmark from an esbuild bundle, as `edgeguard serve` runs (children.ts); prints its port.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { nodeUpstreamFetch } from "../../workers/node-upstream-fetch";

const target = new URL(process.argv[2] ?? "http://127.0.0.1:1");
const app = new Hono();
app.post("/v1/chat/completions", async (c) => {
  const request: unknown = JSON.parse(await c.req.text());
  const answer = await nodeUpstreamFetch(new URL("/v1/chat/completions", target).href, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: c.req.header("authorization") ?? "" },
    body: JSON.stringify(request),
  });
  const text = await answer.text();
  JSON.parse(text); // the gateway reads every answer it screens
  return c.body(text, answer.status as 200, { "content-type": "application/json" });
});
app.onError((_error, c) => c.text("relay failed", 500)); // counted by the bench as a non-2xx answer, not logged

serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.stdout.write(`${info.port}\n`));
