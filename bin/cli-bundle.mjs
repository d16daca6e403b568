// The `edgeguard` command's fast start: cli/main.ts bundled by esbuild into one file under
// node_modules/.cache/edgeguard-cli/, built on first use and rebuilt when any source it was built from, package.json
// or the installed packages changed since, or when it was built from another checkout (two checkouts sharing one
// node_modules through a symlink share its cache too). Loading ~200 TypeScript files through tsx takes ~0.9 s; the bundle ~0.2 s.
// Plain JavaScript: it runs before anything can load TypeScript.
import { accessSync, constants, copyFileSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
const STAMP_VERSION = 4;
// Files the bundle reads at run time beside itself (new URL("./…", import.meta.url)): copied next to it.
const RUNTIME_FILES = ["shared/screening/classifiers/classifier-scan.wasm", "shared/screening/models/classifier-weights.bin"];
// Not imported, but they change what the bundle must contain: the "imports" map, and any `npm install`.
const ALSO_DEPENDS_ON = ["package.json", "node_modules/.package-lock.json", ...RUNTIME_FILES];

/**
 * The bundle's path, building it first when it is missing or stale; undefined when it cannot be built here (no
 * esbuild, a read-only install, a build error), and the caller loads the sources instead.
 * @param {{ root?: string, cacheDir?: string }} [options]
 * @returns {Promise<{ path: string, built: boolean } | undefined>}
 */
export async function ensureCliBundle(options = {}) {
  const root = options.root ?? PACKAGE_ROOT;
  const cacheDir = options.cacheDir ?? join(root, "node_modules/.cache/edgeguard-cli");
  const bundle = join(cacheDir, "cli.mjs");
  try {
    if (isFresh({ root, cacheDir, bundle })) return { path: bundle, built: false };
    await build({ root, cacheDir, bundle });
    return { path: bundle, built: true };
  } catch {
    return undefined;
  }
}

/** Whether the stamp names every input and none changed after the build read it. */
function isFresh({ root, cacheDir, bundle }) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(cacheDir, "stamp.json"), "utf8"));
    statSync(bundle);
  } catch {
    return false;
  }
  if (stamp.version !== STAMP_VERSION || !Array.isArray(stamp.inputs) || stamp.root !== realpathSync(root)) return false;
  for (const input of stamp.inputs) {
    try {
      if (statSync(join(root, input)).mtimeMs > stamp.sourcesAsOf) return false;
    } catch {
      if (input !== "node_modules/.package-lock.json") return false; // a missing source: rebuild
    }
  }
  return true;
}

async function build({ root, cacheDir, bundle }) {
  // A read-only install gives up here, before paying for a build it could not keep.
  mkdirSync(cacheDir, { recursive: true });
  accessSync(cacheDir, constants.W_OK);
  const { build: esbuild } = await import("esbuild");
  // Sources changed after this instant are newer than the bundle, even if the build read them mid-write.
  const sourcesAsOf = Date.now();
  // Concurrent first runs (parallel tests) each build into their own directory and rename into place: every builder
  // writes the same output, so whichever rename lands last is as good as any.
  const scratch = join(cacheDir, `build-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    const result = await esbuild({
      absWorkingDir: root,
      entryPoints: ["cli/main.ts"],
      outfile: join(scratch, "cli.mjs"),
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // No keepNames (as the Worker's wrangler.toml): it wraps every function declared inside another, and every arrow
      // field of Hono's Context, in a defineProperty call per call or per request (~45 µs a request, docs/performance.md).
      keepNames: false,
      metafile: true,
      logLevel: "silent",
      // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
      banner: { js: 'import { createRequire as edgeguardCreateRequire } from "node:module";\nconst require = edgeguardCreateRequire(import.meta.url);' },
    });
    for (const file of RUNTIME_FILES) copyFileSync(join(root, file), join(scratch, basename(file)));
    // Our own sources (metafile paths are relative to the root) are checked one by one; a change under node_modules
    // shows in npm's .package-lock.json.
    const ours = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("node_modules/"));
    const inputs = [...new Set([...ours, ...ALSO_DEPENDS_ON])];
    for (const file of RUNTIME_FILES) renameSync(join(scratch, basename(file)), join(cacheDir, basename(file)));
    renameSync(join(scratch, "cli.mjs"), bundle);
    writeFileSync(join(scratch, "stamp.json"), JSON.stringify({ version: STAMP_VERSION, root: realpathSync(root), sourcesAsOf, inputs }));
    renameSync(join(scratch, "stamp.json"), join(cacheDir, "stamp.json"));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
