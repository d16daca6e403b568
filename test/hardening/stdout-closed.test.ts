// `edgeguard serve` writes audit records to stdout when no audit file is configured. When the reader of that pipe goes
// away (a log shipper restarts, `| head`), writes fail with EPIPE: the gateway must keep serving, report the lost
// records on stderr, and not exit (Node exits on an unhandled 'error' event on process.stdout).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKey } from "../support/test-config";

let child: ChildProcess;
let url: string;
let stderr = "";
let key: string;

beforeAll(async () => {
  const made = await makeKey();
  key = made.key;
  const configPath = join(mkdtempSync(join(tmpdir(), "edgeguard-stdout-")), "config.json");
  const config = {
    providers: { mock: { type: "mock", baseUrl: "mock://local", apiKey: "unused" } },
    routes: [{ model: "*", provider: "mock" }],
    tenants: [{ id: "acme", keys: [made.config] }],
  };
  writeFileSync(configPath, JSON.stringify(config));
  child = spawn(process.execPath, ["bin/edgeguard.mjs", "serve", "--config", configPath, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = /listening on (\S+)/.exec(stderr);
      if (listening) resolve(listening[1]);
    });
    child.once("exit", (code) => reject(new Error(`edgeguard serve exited (${code}): ${stderr}`)));
  });
}, 30_000);
afterAll(() => {
  child?.kill("SIGKILL");
});

function chat(): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello there" }] }),
  });
}

describe("edgeguard serve with its stdout closed", () => {
  it("writes the record to stdout while someone reads it", async () => {
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    expect((await chat()).status).toBe(200);
    await expect.poll(() => stdout.includes('"route":"/v1/chat/completions"')).toBe(true);
  });

  it("keeps serving after the reader goes away, and says on stderr that records were lost", async () => {
    child.stdout!.destroy(); // the read end of the pipe closes: the next write gets EPIPE
    for (let i = 0; i < 3; i++) {
      const response = await chat();
      expect(response.status).toBe(200);
      await response.text();
    }
    await expect.poll(() => stderr.includes("audit write failed"), { timeout: 5_000 }).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(child.exitCode).toBeNull();
  });
});
