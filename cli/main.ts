// `edgeguard <command>`: dispatches to one module per command. Each returns an exit code instead of exiting, so
// tests can run them in-process.
import { runKeysCommand } from "./keys";
import { runServeCommand } from "./serve";

const USAGE = `usage: edgeguard <command>
  serve --config FILE [--port N] [--host H]   run the gateway on Node (default 127.0.0.1:8787)
  scan --jsonl [--policy FILE]                 screen JSONL requests from stdin, verdicts to stdout
  keys hash <key>                              print sha256(key) for a config file
  keys new [--id ID]                           make a new key and print it with its hash
  admin --url URL --token TOKEN <...>          call a Worker's admin API
  redteam --target URL --key KEY [...]         attack a running gateway and report its block rates`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => runServeCommand,
  keys: async () => runKeysCommand,
  scan: async () => (await import("./scan-command")).runScanCommand,
  admin: async () => (await import("./admin")).runAdminCommand,
  redteam: async () => (await import("./redteam")).runRedteamCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(USAGE + "\n");
    return name === "--help" || name === "-h" ? 0 : 2;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    process.stderr.write(`edgeguard ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
