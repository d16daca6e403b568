// Starts a throwaway redis-server (Debian package) on a free local port for integration tests, and stops it.
// No persistence (--save "" --appendonly no) and no working files left behind. When redis-server is not installed it
// returns null after a LOUD warning so the calling test file can skip visibly instead of failing or passing silently
// (unless EDGEGUARD_REQUIRE_REDIS=1, as in CI, which turns the skip into an error).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { createRespClient } from "./resp-client";

export interface RunningRedis {
  port: number;
  /** redis://127.0.0.1:PORT */
  url: string;
  /** Graceful: SIGTERM and wait for the process to exit. */
  stop(): Promise<void>;
  /** Abrupt: SIGKILL, for "Redis died mid-request" tests. Returns at once. */
  kill(): void;
  /** Resolves once the process has exited (after stop or kill). */
  exited: Promise<void>;
}

let warned = false;

export function redisServerInstalled(): boolean {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return !probe.error && probe.status === 0;
}

/** A port the OS says is free right now (redis needs a concrete port; `--port 0` disables TCP). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(options: { port: number; child: ChildProcess; deadlineMs: number }): Promise<void> {
  const { port, child, deadlineMs } = options;
  const deadline = Date.now() + deadlineMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited early with code ${child.exitCode}`);
    const client = createRespClient({ port, commandTimeoutMs: 500, connectTimeoutMs: 300 });
    try {
      if ((await client.command("PING")) === "PONG") return;
    } catch (error) {
      lastError = error;
    } finally {
      client.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${deadlineMs} ms: ${String(lastError)}`);
}

export async function startRedis(options: { startTimeoutMs?: number } = {}): Promise<RunningRedis | null> {
  if (!redisServerInstalled()) {
    // CI sets this so a missing redis-server fails the build instead of skipping the exactness tests.
    if (process.env.EDGEGUARD_REQUIRE_REDIS === "1") {
      throw new Error("EDGEGUARD_REQUIRE_REDIS=1 but redis-server is not installed");
    }
    if (!warned) {
      warned = true;
      console.warn(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n" +
          "!! redis-server is NOT installed: the real-Redis rate-limit tests are SKIPPED.            !!\n" +
          "!! Install it (Debian: apt-get install -y redis-server); CI installs it in .ci/run.       !!\n" +
          "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
      );
    }
    return null;
  }
  // Another process could grab the port between probe and spawn; retry a couple of times.
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", "/tmp", "--loglevel", "warning"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    child.once("error", () => undefined);
    try {
      await waitForPing({ port, child, deadlineMs: options.startTimeoutMs ?? 5_000 });
    } catch (error) {
      lastError = error;
      child.kill("SIGKILL");
      await exited;
      continue;
    }
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      exited,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      },
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
        await exited;
        clearTimeout(timer);
      },
    };
  }
  throw new Error(`could not start redis-server: ${String(lastError)}`);
}
