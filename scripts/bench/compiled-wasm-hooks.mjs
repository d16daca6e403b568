// Node module hooks for evaluating the Worker bundle in Node (bundle.ts): a .wasm import is a compiled
// WebAssembly.Module and a .bin import an ArrayBuffer, as wrangler's CompiledWasm and Data rules make them in workerd.
export async function load(url, context, nextLoad) {
  const file = `new URL(${JSON.stringify(url)})`;
  if (url.endsWith(".wasm")) {
    const source = `import { readFileSync } from "node:fs";\nexport default new WebAssembly.Module(readFileSync(${file}));`;
    return { format: "module", source, shortCircuit: true };
  }
  if (url.endsWith(".bin")) {
    const source = `import { readFileSync } from "node:fs";\nexport default new Uint8Array(readFileSync(${file})).buffer;`;
    return { format: "module", source, shortCircuit: true };
  }
  return nextLoad(url, context);
}
