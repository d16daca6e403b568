// The Worker's two-command Redis client (shared/rate-limit/upstash-script-client.ts) under @upstash/ratelimit, against
// real Redis through the Upstash REST bridge: the first check of a fresh Redis goes EVALSHA → NOSCRIPT → EVAL, limits
// stay exact under concurrency, and every failure (wrong token, dead URL, an answer that is not JSON) reaches the
// limiter as an error, so its fail mode decides: closed by default.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpstashLimiter } from "../../shared/rate-limit/upstash-limiter";
import { createScriptClient, UpstashCommandError } from "../../shared/rate-limit/upstash-script-client";
import { startRealRedis, uniquePrefix, type RealRedis } from "./real-redis";

let real: RealRedis | null;

beforeAll(async () => {
  real = await startRealRedis();
});
afterAll(async () => {
  await real?.stop();
});

/** A fetch that counts what it sends and passes it on. */
function countingFetch(): { fetch: typeof fetch; commands: string[] } {
  const commands: string[] = [];
  return {
    commands,
    fetch: async (input, init) => {
      commands.push(JSON.parse(String(init?.body))[0]);
      return fetch(input, init);
    },
  };
}

describe("the Worker's Upstash script client on real Redis", () => {
  it("loads the script on a Redis that never saw it (EVALSHA, NOSCRIPT, EVAL), then runs it by hash", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    await real.client().scriptFlush();
    const counting = countingFetch();
    const redis = createScriptClient({ url: real.bridge.url, token: real.bridge.token, fetch: counting.fetch });
    const limiter = createUpstashLimiter({ redis, algorithm: { kind: "fixed-window", limit: 5, window: "1 m" }, prefix: uniquePrefix("script-load"), timeoutMs: 2_000 });
    expect((await limiter.check({ identity: "key:a" })).success).toBe(true);
    expect(counting.commands).toEqual(["EVALSHA", "EVAL"]);
    expect((await limiter.check({ identity: "key:a" })).remaining).toBe(3);
    expect(counting.commands).toEqual(["EVALSHA", "EVAL", "EVALSHA"]);
  });

  for (const kind of ["sliding-window", "token-bucket", "fixed-window"] as const) {
    it(`${kind}: 25 concurrent checks against a limit of 10 admit exactly 10`, async (ctx) => {
      if (!real) return ctx.skip("redis-server not installed");
      const redis = createScriptClient({ url: real.bridge.url, token: real.bridge.token });
      const limiter = createUpstashLimiter({ redis, algorithm: { kind, limit: 10, window: "1 h" }, prefix: uniquePrefix(`script-${kind}`), timeoutMs: 3_000 });
      const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter.check({ identity: "key:acme:k1" })));
      expect(decisions.filter((d) => d.success)).toHaveLength(10);
      expect(decisions.every((d) => !d.failOpen && d.reason !== "backend_error")).toBe(true);
    });
  }

  it("takes a token cost (rate) as @upstash/redis does: 3 + 3 + 3 of 10 pass, the next 3 do not", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const redis = createScriptClient({ url: real.bridge.url, token: real.bridge.token });
    const limiter = createUpstashLimiter({ redis, algorithm: { kind: "fixed-window", limit: 10, window: "1 h" }, prefix: uniquePrefix("script-cost"), timeoutMs: 2_000 });
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.check({ identity: "key:b", cost: 3 }));
    expect(decisions.map((d) => d.success)).toEqual([true, true, true, false]);
  });

  it("a wrong token is Upstash's error, and the limiter fails closed on it", async (ctx) => {
    if (!real) return ctx.skip("redis-server not installed");
    const redis = createScriptClient({ url: real.bridge.url, token: "not-the-token" });
    await expect((redis as unknown as { evalsha: (s: string, k: string[], a: unknown[]) => Promise<unknown> }).evalsha("0".repeat(40), [], [])).rejects.toBeInstanceOf(UpstashCommandError);
    const limiter = createUpstashLimiter({ redis, algorithm: { kind: "fixed-window", limit: 5, window: "1 m" }, prefix: uniquePrefix("script-token"), timeoutMs: 2_000 });
    expect(await limiter.check({ identity: "key:c" })).toMatchObject({ success: false, reason: "backend_error", failOpen: false });
  });
});

describe("the Worker's Upstash script client, without Redis", () => {
  it("retries a network error `retries` times, then the limiter fails closed", async () => {
    let attempts = 0;
    const refused: typeof fetch = async () => {
      attempts++;
      throw new TypeError("fetch failed");
    };
    const redis = createScriptClient({ url: "http://127.0.0.1:1", token: "t", retries: 1, backoffMs: 5, fetch: refused });
    const limiter = createUpstashLimiter({ redis, algorithm: { kind: "fixed-window", limit: 5, window: "1 m" }, prefix: uniquePrefix("script-dead"), timeoutMs: 2_000 });
    expect(await limiter.check({ identity: "key:d" })).toMatchObject({ success: false, reason: "backend_error", failOpen: false });
    expect(attempts).toBe(2);
  });

  it("an answer that is not Upstash's JSON is an error naming the status, not a result", async () => {
    const server = http.createServer((_request, response) => response.writeHead(502, { "content-type": "text/html" }).end("<html>bad gateway</html>"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const redis = createScriptClient({ url: `http://127.0.0.1:${port}`, token: "t" }) as unknown as { eval: (s: string, k: string[], a: unknown[]) => Promise<unknown> };
      await expect(redis.eval("return 1", [], [])).rejects.toThrow("Upstash answered 502");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
