// How long the `edgeguard` command takes to answer a one-line `scan --jsonl`, from its bundle and from its sources
// through tsx (EDGEGUARD_CLI_FROM_SOURCE=1), alternating, median of each. `npm run bench` prints it.
import { execFileSync } from "node:child_process";

export interface CliStartRow {
  measure: string;
  ms: number;
  note: string;
}

const LINE = '{"id":1,"text":"How do I reset my password?","direction":"input"}\n';

function timeOnce(env: Record<string, string>): number {
  const started = performance.now();
  execFileSync(process.execPath, ["bin/edgeguard.mjs", "scan", "--jsonl"], { input: LINE, env: { ...process.env, ...env } });
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

export async function benchCliStart(options: { runs?: number } = {}): Promise<CliStartRow[]> {
  const { runs = 5 } = options;
  timeOnce({}); // builds the bundle if a source changed since the last run
  const bundled: number[] = [];
  const fromSource: number[] = [];
  for (let i = 0; i < runs; i++) {
    bundled.push(timeOnce({}));
    fromSource.push(timeOnce({ EDGEGUARD_CLI_FROM_SOURCE: "1" }));
  }
  return [
    { measure: "`edgeguard scan --jsonl`, one line, wall time: from the bundle (ms)", ms: Math.round(median(bundled)), note: "" },
    { measure: "the same from the sources through tsx (ms)", ms: Math.round(median(fromSource)), note: "" },
  ];
}
