// Node module hooks for evaluating the Worker bundle in Node (bundle.ts): a .wasm import is a compiled
// WebAssembly.Module, as wrangler's CompiledWasm rule makes it in workerd.
export async function load(url, context, nextLoad) {
  if (!url.endsWith(".wasm")) return nextLoad(url, context);
  const source = `import { readFileSync } from "node:fs";\nexport default new WebAssembly.Module(readFileSync(new URL(${JSON.stringify(url)})));`;
  return { format: "module", source, shortCircuit: true };
}
