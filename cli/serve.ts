// `edgeguard serve --config FILE [--port N] [--host H]`: validates the config (unknown fields are errors, every problem
// listed with its path) and runs the gateway on Node until SIGINT/SIGTERM, then drains audit writes.
import { readFile } from "node:fs/promises";
import { parseGatewayConfig } from "../shared/config/schema";
import { startNodeServer } from "../workers/node";
import { parseArgs, stringFlag } from "./args";

export async function runServeCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  const file = stringFlag(parsed, "config");
  if (!file) {
    process.stderr.write("usage: edgeguard serve --config FILE [--port N] [--host H]\n");
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    process.stderr.write(`edgeguard serve: cannot read ${file}: ${error instanceof Error ? error.message : error}\n`);
    return 2;
  }
  const config = parseGatewayConfig(raw);
  if (!config.ok) {
    process.stderr.write(`edgeguard serve: invalid config ${file}:\n${config.problems.map((p) => `  ${p.path || "(root)"}: ${p.message}`).join("\n")}\n`);
    return 2;
  }
  const port = Number(stringFlag(parsed, "port") ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write("edgeguard serve: --port must be 0-65535\n");
    return 2;
  }
  let server;
  try {
    server = await startNodeServer({ config: config.config, port, host: stringFlag(parsed, "host") ?? "127.0.0.1" });
  } catch (error) {
    // Missing env: secrets, an unusable store, a port in use: say what, no stack trace.
    process.stderr.write(`edgeguard serve: cannot start: ${error instanceof Error ? error.message : error}\n`);
    return 2;
  }
  process.stderr.write(`edgeguard listening on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
  return 0;
}
