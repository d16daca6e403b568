// The Redis client the Worker hands @upstash/ratelimit: the two commands a single-region limiter sends (EVALSHA, and
// EVAL when Redis has not cached the script yet), over Upstash's REST API with fetch. @upstash/redis's client carries
// every Redis command, a fifth of the Worker's minified code, and workerd compiles the whole bundle each time an isolate starts
// (docs/performance.md). Node keeps @upstash/redis: one start per process, and its KV shim needs more commands.
// Wire format (as @upstash/redis 1.39 sends it): POST the command as a JSON array (strings, numbers and booleans as
// they are, anything else as its JSON) to the base URL with the bearer token; the answer is {"result": …} or, with a
// non-2xx status, {"error": "…"} (a NOSCRIPT error names it). The limit scripts answer with arrays of integers, so
// results are returned as they come (no base64 encoding asked, nothing to deserialise).
import type { UpstashRedis } from "./upstash-limiter";

export interface ScriptClientOptions {
  url: string;
  token: string;
  /** Extra attempts after a network error (not after an answer from Upstash). */
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** An error Upstash answered with; its message is Upstash's (Ratelimit reads "NOSCRIPT" in it). */
export class UpstashCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UpstashCommandError";
  }
}

class ScriptClient {
  private readonly options: Required<Omit<ScriptClientOptions, "fetch">> & { fetch?: typeof fetch };
  private readonly headers: Record<string, string>;

  constructor(options: ScriptClientOptions) {
    this.options = { retries: 0, backoffMs: 0, ...options, url: options.url.replace(/\/+$/, "") };
    this.headers = { authorization: `Bearer ${options.token}`, "content-type": "application/json" };
  }

  evalsha(sha: string, keys: string[], args: unknown[]): Promise<unknown> {
    return this.command(["EVALSHA", sha, keys.length, ...keys, ...args]);
  }

  eval(script: string, keys: string[], args: unknown[]): Promise<unknown> {
    return this.command(["EVAL", script, keys.length, ...keys, ...args]);
  }

  private async command(parts: unknown[]): Promise<unknown> {
    const body = JSON.stringify(parts.map((part) => (typeof part === "object" ? JSON.stringify(part) : part)));
    const send = this.options.fetch ?? fetch;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await send(this.options.url, { method: "POST", headers: this.headers, body });
      } catch (error) {
        if (attempt >= this.options.retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs));
        continue;
      }
      const answer = (await response.json().catch(() => undefined)) as { result?: unknown; error?: unknown } | undefined;
      if (!response.ok || answer === undefined || answer.error !== undefined) {
        throw new UpstashCommandError(typeof answer?.error === "string" ? answer.error : `Upstash answered ${response.status}`);
      }
      return answer.result;
    }
  }
}

/**
 * A client for Ratelimit's single-region algorithms only: its type says Redis because that is what Ratelimit's
 * constructor asks for, but any other command (multi-region sync, deny lists, analytics, all off in
 * upstash-limiter.ts) would be a TypeError, which the limiter turns into its fail mode like any Redis error.
 */
export function createScriptClient(options: ScriptClientOptions): UpstashRedis {
  return new ScriptClient(options) as unknown as UpstashRedis;
}
