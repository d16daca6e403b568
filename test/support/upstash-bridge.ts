// An Upstash-REST-compatible HTTP server over a real redis-server, so @upstash/redis and @upstash/ratelimit run
// unmodified in tests (Node and workerd) against real Redis semantics (atomic Lua, PEXPIRE, INCRBY …).
// Wire facts it reproduces (read from @upstash/redis 1.39 pkg/http.ts): POST / with one command as a JSON array →
// {result}; POST /pipeline and /multi-exec with an array of commands → [{result}|{error}]; `Upstash-Encoding: base64`
// → every string in a result base64-encoded except a bare "OK"; raw reply shapes (integers as numbers, nested arrays,
// nil as null); non-2xx answers carry {error}. @upstash/ratelimit >= 2.1 starts its Lua with
// `#!lua flags=allow-key-locking`, which real Redis rejects: the flag is stripped in EVAL/EVALSHA/SCRIPT LOAD and the
// client's SHA1 (of the original text) is mapped to the SHA1 Redis knows (of the stripped text).
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startRedis } from "./redis-server";
import { createRespClient, RespError, type RespArg, type RespReply } from "./resp-client";

export interface UpstashBridge {
  url: string;
  token: string;
  /** Commands answered so far (pipelined commands count one each); handy for asserting the cache avoided Redis. */
  readonly commandCount: number;
  stop(): Promise<void>;
}

export interface UpstashBridgeOptions {
  redisPort: number;
  token: string;
  /** A Redis reply slower than this answers 500 instead of hanging the HTTP request. */
  redisTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Listen on this port (0 or absent: any free port). */
  port?: number;
}

type JsonValue = string | number | null | JsonValue[];
type CommandResult = { result: JsonValue } | { error: string };

const SHEBANG = /^#!lua([^\n]*)\n/;
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** Drops the `allow-key-locking` flag (unknown to Redis) and the whole shebang when no flag is left. */
export function stripScriptShebang(script: string): string {
  const match = SHEBANG.exec(script);
  if (!match) return script;
  const flagsMatch = /flags=(\S*)/.exec(match[1]);
  const flags = (flagsMatch?.[1] ?? "").split(",").filter((flag) => flag && flag !== "allow-key-locking");
  const body = script.slice(match[0].length);
  return flags.length ? `#!lua flags=${flags.join(",")}\n${body}` : body;
}

function encodeReply(reply: RespReply, base64: boolean): JsonValue {
  if (reply === null || typeof reply === "number") return reply;
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  if (reply instanceof RespError) return reply.message;
  if (typeof reply === "string") return base64 && reply !== "OK" ? Buffer.from(reply).toString("base64") : reply;
  return base64 ? reply.toString("base64") : reply.toString("utf8");
}

function toResult(reply: RespReply, base64: boolean): CommandResult {
  return reply instanceof RespError ? { error: reply.message } : { result: encodeReply(reply, base64) };
}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) reject(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function isCommand(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === "string";
}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const { redisPort, token, redisTimeoutMs = 1_000, maxBodyBytes = 10 * 1024 * 1024 } = options;
  const redis = createRespClient({ port: redisPort, commandTimeoutMs: redisTimeoutMs, connectTimeoutMs: redisTimeoutMs });
  const expectedAuth = Buffer.from(`Bearer ${token}`);
  /** SHA1 of the script as the client sent it → SHA1 of the script Redis actually loaded. */
  const shaMap = new Map<string, string>();
  let commandCount = 0;

  function rewrite(command: unknown[]): RespArg[] {
    const args: RespArg[] = command.map((arg) => (arg === null || arg === undefined ? "" : typeof arg === "object" ? JSON.stringify(arg) : String(arg)));
    const name = String(args[0]).toUpperCase();
    if ((name === "EVAL" || name === "EVAL_RO") && typeof args[1] === "string") {
      const stripped = stripScriptShebang(args[1]);
      if (stripped !== args[1]) shaMap.set(sha1(args[1]), sha1(stripped));
      args[1] = stripped;
    } else if (name === "EVALSHA" || name === "EVALSHA_RO") {
      args[1] = shaMap.get(String(args[1]).toLowerCase()) ?? args[1];
    } else if (name === "SCRIPT" && String(args[1]).toUpperCase() === "LOAD" && typeof args[2] === "string") {
      const stripped = stripScriptShebang(args[2]);
      if (stripped !== args[2]) shaMap.set(sha1(args[2]), sha1(stripped));
      args[2] = stripped;
    } else if (name === "SCRIPT" && String(args[1]).toUpperCase() === "EXISTS") {
      for (let i = 2; i < args.length; i++) args[i] = shaMap.get(String(args[i]).toLowerCase()) ?? args[i];
    }
    return args;
  }

  // SCRIPT LOAD must answer the SHA the client computed over its original text, or its EVALSHA would miss.
  function scriptLoadSha(command: unknown[]): string | null {
    const isLoad = String(command[0]).toUpperCase() === "SCRIPT" && String(command[1]).toUpperCase() === "LOAD";
    return isLoad && typeof command[2] === "string" ? sha1(command[2]) : null;
  }

  async function runCommands(commands: unknown[][], base64: boolean): Promise<CommandResult[]> {
    commandCount += commands.length;
    const replies = await redis.send(commands.map(rewrite));
    return replies.map((reply, i) => {
      const loadSha = scriptLoadSha(commands[i]);
      return loadSha && !(reply instanceof RespError) ? toResult(loadSha, base64) : toResult(reply, base64);
    });
  }

  async function runTransaction(commands: unknown[][], base64: boolean): Promise<{ status: number; body: unknown }> {
    commandCount += commands.length;
    const replies = await redis.send([["MULTI"], ...commands.map(rewrite), ["EXEC"]]);
    const queued = replies.slice(1, -1);
    const exec = replies[replies.length - 1];
    const queueError = queued.find((reply) => reply instanceof RespError);
    if (exec instanceof RespError || !Array.isArray(exec)) {
      const message = queueError instanceof RespError ? queueError.message : exec instanceof RespError ? exec.message : "EXEC aborted";
      return { status: 400, body: { error: message } };
    }
    return { status: 200, body: exec.map((reply) => toResult(reply, base64)) };
  }

  async function handle(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
    const auth = Buffer.from(req.headers.authorization ?? "");
    if (auth.length !== expectedAuth.length || !timingSafeEqual(auth, expectedAuth)) {
      return { status: 401, body: { error: "Unauthorized" } };
    }
    if (req.method !== "POST") return { status: 405, body: { error: "only POST is supported by this bridge" } };
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readBody(req, maxBodyBytes));
    } catch (error) {
      return { status: 400, body: { error: `ERR failed to parse command: ${(error as Error).message}` } };
    }
    const path = (req.url ?? "/").split("?")[0].replace(/\/+$/, "") || "/";
    if (path === "/") {
      if (!isCommand(parsed)) return { status: 400, body: { error: "ERR a command is a non-empty JSON array" } };
      const [result] = await runCommands([parsed], base64);
      return { status: "error" in result ? 400 : 200, body: result };
    }
    if (path === "/pipeline" || path === "/multi-exec") {
      if (!Array.isArray(parsed) || !parsed.length || !parsed.every(isCommand)) {
        return { status: 400, body: { error: "ERR a pipeline is a non-empty JSON array of commands" } };
      }
      if (path === "/pipeline") return { status: 200, body: await runCommands(parsed, base64) };
      return runTransaction(parsed, base64);
    }
    return { status: 404, body: { error: `unknown path ${path}` } };
  }

  const server = http.createServer((req, res) => {
    handle(req)
      .catch((error: Error) => ({ status: 500, body: { error: `ERR redis unavailable: ${error.message}` } }))
      .then(({ status, body }) => {
        if (res.headersSent) return;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get commandCount() {
      return commandCount;
    },
    stop: async () => {
      redis.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * redis-server + bridge in one call, for test setups (e.g. global-setup providing `{ url, token }` to workerd tests).
 * Null when redis-server is not installed (startRedis has already warned loudly).
 */
export async function startBridgedRedis(options: { token?: string; port?: number } = {}): Promise<{
  redisPort: number;
  url: string;
  token: string;
  bridge: UpstashBridge;
  killRedis(): void;
  stop(): Promise<void>;
} | null> {
  const redisServer = await startRedis();
  if (!redisServer) return null;
  const token = options.token ?? randomUUID();
  const bridge = await startUpstashBridge({ redisPort: redisServer.port, token, port: options.port });
  return {
    redisPort: redisServer.port,
    url: bridge.url,
    token,
    bridge,
    killRedis: () => redisServer.kill(),
    stop: async () => {
      await bridge.stop();
      await redisServer.stop();
    },
  };
}
