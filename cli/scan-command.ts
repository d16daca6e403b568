// `edgeguard scan --jsonl [--policy FILE]`: stdin JSONL requests → stdout JSONL verdicts (DESIGN contract).
// Exit 0 when every line produced a verdict (or the reader closed stdout early), 1 when some lines were errors, 2 on
// usage or policy errors.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseArgs, stringFlag } from "./args";
import { loadPolicyFile, runScan } from "./scan";

export async function runScanCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, { booleans: ["jsonl"] });
  if (parsed.flags.jsonl !== true) {
    process.stderr.write("usage: edgeguard scan --jsonl [--policy FILE] < requests.jsonl > verdicts.jsonl\n");
    return 2;
  }
  const policyFile = stringFlag(parsed, "policy");
  let policy;
  if (policyFile) {
    try {
      policy = loadPolicyFile(JSON.parse(await readFile(policyFile, "utf8")));
    } catch (error) {
      process.stderr.write(`edgeguard scan: ${policyFile}: ${error instanceof Error ? error.message : error}\n`);
      return 2;
    }
  }
  // Everything that awaits comes first: readline reads stdin from the moment it exists, and lines it emits before
  // runScan's loop starts are lost (a short input entirely: the loop then waits for lines that already went by).
  const detectors = (await import("../shared/screening/registry")).defaultDetectors();
  process.stdout.on("error", endOnClosedStdout);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const result = await runScan({ input: lines, output: (line) => process.stdout.write(line + "\n"), policy, detectors });
  return result.errors > 0 ? 1 : 0;
}

/** The reader went away (`edgeguard scan … | head`): it has all it wanted, so stop quietly, as Unix filters do. */
function endOnClosedStdout(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
}
