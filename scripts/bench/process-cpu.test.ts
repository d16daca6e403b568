import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { processTreeCpuMs } from "./process-cpu";

// Burns about `ms` of CPU, then prints "done" and waits to be killed.
const burner = (ms: number) => `const t=Date.now();while(Date.now()-t<${ms});console.log("done");setInterval(()=>{},1000)`;

describe.skipIf(process.platform !== "linux")("processTreeCpuMs", () => {
  it("counts the CPU of a process and of its descendants", async () => {
    // The child burns 300 ms, then the parent burns 300 ms: the tree used ~600 ms, the parent alone ~300 (+ start).
    const parentScript = `const {spawn}=require("node:child_process");const c=spawn(process.execPath,["-e",${JSON.stringify(burner(300))}],{stdio:["ignore","pipe","ignore"]});c.stdout.once("data",()=>{${burner(300)}});`;
    // Its own process group, so the whole tree goes at the end (the burning child would outlive its parent).
    const parent = spawn(process.execPath, ["-e", parentScript], { stdio: ["ignore", "pipe", "ignore"], detached: true });
    try {
      await once(parent.stdout!, "data");
      const treeMs = processTreeCpuMs(parent.pid!)!;
      expect(treeMs).toBeGreaterThanOrEqual(500);
      expect(treeMs).toBeLessThan(5_000);
    } finally {
      process.kill(-parent.pid!, "SIGKILL");
    }
  });

  it("is undefined for a process that does not exist", () => {
    expect(processTreeCpuMs(2 ** 22 + 12345)).toBeUndefined();
  });
});
