// CPU time (user + system) a process and its descendants have used, read from Linux /proc. Throughput swings 2x on
// this shared machine; CPU spent per request in the server process is far steadier, so the bench reports both.
// Descendants count because `tsx script` runs the script in a child of the pid we spawned.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function ownTicks(pid: number): number {
  // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15 (1-based, proc(5)).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function childrenOf(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  const ids: number[] = [];
  for (const tid of readdirSync(tasks)) {
    const text = readFileSync(`${tasks}/${tid}/children`, "utf8").trim();
    if (text) ids.push(...text.split(" ").map(Number));
  }
  return ids;
}

/** Milliseconds of CPU used by `pid` and every live descendant; undefined where /proc is not available. */
export function processTreeCpuMs(pid: number): number | undefined {
  if (!existsSync(`/proc/${pid}/stat`)) return undefined;
  let ticks = 0;
  const pending = [pid];
  while (pending.length) {
    const next = pending.pop()!;
    try {
      ticks += ownTicks(next);
      pending.push(...childrenOf(next));
    } catch {
      // exited while we looked: its time is gone with it
    }
  }
  return (ticks * 1000) / clockTicks();
}
