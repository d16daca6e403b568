// The Upstash REST bridge, driven by the real @upstash/redis client against a real redis-server: encoding, pipelines,
// transactions, Lua with the `allow-key-locking` shebang, auth, and a Redis outage answering fast with an error.
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RunningRedis } from "../support/redis-server";
import { startUpstashBridge, stripScriptShebang, type UpstashBridge } from "../support/upstash-bridge";

let redisServer: RunningRedis | null = null;
let bridge: UpstashBridge | null = null;

beforeAll(async () => {
  redisServer = await startRedis();
  if (redisServer) bridge = await startUpstashBridge({ redisPort: redisServer.port, token: "bridge-test-token" });
});
afterAll(async () => {
  await bridge?.stop();
  await redisServer?.stop();
});

function client(overrides: { token?: string; autoPipeline?: boolean } = {}): Redis {
  return new Redis({
    url: bridge!.url,
    token: overrides.token ?? bridge!.token,
    enableTelemetry: false,
    enableAutoPipelining: overrides.autoPipeline ?? true,
    retry: false,
  });
}

describe("stripScriptShebang", () => {
  it("drops a shebang whose only flag is allow-key-locking and keeps other flags", () => {
    expect(stripScriptShebang("#!lua flags=allow-key-locking\nreturn 1")).toBe("return 1");
    expect(stripScriptShebang("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(stripScriptShebang("return 1")).toBe("return 1");
  });
});

describe("bridge over real Redis", () => {
  it("round-trips strings (including non-ASCII and the literal OK), numbers and nil", async (ctx) => {
    if (!bridge) return ctx.skip("redis-server not installed");
    const redis = client({ autoPipeline: false });
    expect(await redis.set("bridge:s", "héllo ✓")).toBe("OK");
    expect(await redis.get("bridge:s")).toBe("héllo ✓");
    await redis.set("bridge:ok", "OK");
    expect(await redis.get("bridge:ok")).toBe("OK");
    expect(await redis.incrby("bridge:n", 5)).toBe(5);
    expect(await redis.get("bridge:missing")).toBeNull();
  });

  it("answers auto-pipelined commands in order", async (ctx) => {
    if (!bridge) return ctx.skip("redis-server not installed");
    const redis = client();
    const results = await Promise.all([redis.incr("bridge:p"), redis.incr("bridge:p"), redis.get<number>("bridge:p")]);
    expect(results).toEqual([1, 2, 2]);
  });

  it("runs a multi-exec transaction and returns nested arrays", async (ctx) => {
    if (!bridge) return ctx.skip("redis-server not installed");
    const redis = client({ autoPipeline: false });
    const tx = redis.multi();
    tx.zadd("bridge:z", { score: 1, member: "a" }, { score: 2, member: "b" });
    tx.zrange("bridge:z", 0, -1);
    expect(await tx.exec()).toEqual([2, ["a", "b"]]);
  });

  it("runs Lua carrying the allow-key-locking shebang via EVAL, then EVALSHA of the original SHA", async (ctx) => {
    if (!bridge) return ctx.skip("redis-server not installed");
    const redis = client({ autoPipeline: false });
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";
    expect(await redis.eval(script, ["bridge:lua"], ["3"])).toBe(3);
    const sha = await redis.scriptLoad(script);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await redis.evalsha(sha, ["bridge:lua"], ["4"])).toBe(7);
  });

  it("reports a command error per pipeline entry", async (ctx) => {
    if (!bridge) return ctx.skip("redis-server not installed");
    const redis = client({ autoPipeline: false });
    await redis.set("bridge:str", "x");
    const pipe = redis.pipeline();
    pipe.incr("bridge:str");
    pipe.get("bridge:str");
    const results = await pipe.exec({ keepErrors: true });
    expect(results[0].error).toMatch(/not an integer/);
    expect(results[1].result).toBe("x");
  });

  it("rejects a wrong token", async (ctx) => {
    if (!bridge) return ctx.skip("redis-server not installed");
    await expect(client({ token: "wrong", autoPipeline: false }).get("bridge:s")).rejects.toThrow(/Unauthorized/);
  });
});

describe("bridge when Redis is gone", () => {
  it("answers an error quickly instead of hanging", async (ctx) => {
    const own = await startRedis();
    if (!own) return ctx.skip("redis-server not installed");
    const ownBridge = await startUpstashBridge({ redisPort: own.port, token: "t", redisTimeoutMs: 300 });
    try {
      const redis = new Redis({ url: ownBridge.url, token: "t", enableTelemetry: false, retry: false, enableAutoPipelining: false });
      expect(await redis.set("k", "v")).toBe("OK");
      own.kill();
      await own.exited;
      const started = Date.now();
      await expect(redis.get("k")).rejects.toThrow(/redis unavailable/);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await ownBridge.stop();
      await own.stop();
    }
  });
});
