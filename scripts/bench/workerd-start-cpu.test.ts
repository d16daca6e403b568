// measureWorkerdStartCpu on a made-up bundle whose top level burns ~200 ms of CPU: the whole start and the top level
// must both show it, which they can only if the wrapped variant compiles the code without running it and the empty
// Worker stands for workerd's own start. wrapUncalled on the two shapes esbuild writes (plain and minified).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measureWorkerdStartCpu, wrapUncalled } from "./workerd-start-cpu";

// The smallest valid WebAssembly module: what the bundle imports beside it, as the real one imports its scan.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

describe("wrapUncalled", () => {
  it("keeps imports at the top and moves the rest, closing export included, into a function never called", () => {
    const plain = 'import scan from "./a.wasm";\nvar x = burn();\nvar worker_default = { fetch() {} };\nexport {\n  worker_default as default\n};\n//# sourceMappingURL=index.js.map\n';
    const minified = 'var a=1;import s from"./a.wasm";var b={fetch(){}};export{b as default};\n//# sourceMappingURL=index.js.map\n';
    for (const bundle of [plain, minified]) {
      const wrapped = wrapUncalled(bundle);
      const [imports, rest] = wrapped.split("function neverCalled() {");
      expect(imports).toMatch(/^import \w+ ?from ?"\.\/a\.wasm";?\n$/);
      expect(rest).not.toMatch(/import |export ?\{/);
      expect(rest).toMatch(/\n}\nexport default \{ fetch\(\) \{/);
    }
  });
});

describe("measureWorkerdStartCpu", () => {
  it("charges a top level's work to both figures, and nothing of it to the compiled-only variant", async () => {
    const outdir = mkdtempSync(join(tmpdir(), "edgeguard-start-cpu-"));
    try {
      writeFileSync(join(outdir, "scan.wasm"), EMPTY_WASM);
      writeFileSync(
        join(outdir, "index.js"),
        'import scan from "./scan.wasm";\nlet spins = 0;\nconst until = Date.now();\nfor (let i = 0; i < 4e8; i++) spins += i & 1;\n' +
          "var worker_default = { fetch() { return new Response(String(spins + until) + scan); } };\nexport {\n  worker_default as default\n};\n",
      );
      const measured = await measureWorkerdStartCpu({ outdir, rounds: 3 });
      expect(measured.topLevelMs).toBeGreaterThan(100);
      expect(measured.wholeMs).toBeGreaterThan(100);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
      rmSync(`${outdir}-start-cpu`, { recursive: true, force: true });
    }
  }, 60_000);
});
