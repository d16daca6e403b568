#!/usr/bin/env node
// The `edgeguard` command. Runs a bundle of the TypeScript CLI (bin/cli-bundle.mjs: built on first use, rebuilt when a
// source changes), so `npx edgeguard` works straight after `npm install` with no build step and starts in ~0.2 s.
// Without a usable bundle (a read-only install), or with EDGEGUARD_CLI_FROM_SOURCE=1, the sources load through tsx.
import { pathToFileURL } from "node:url";
import { ensureCliBundle } from "./cli-bundle.mjs";

async function loadMain() {
  const bundle = process.env.EDGEGUARD_CLI_FROM_SOURCE === "1" ? undefined : await ensureCliBundle();
  if (bundle) return (await import(pathToFileURL(bundle.path).href)).main;
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../cli/main.ts")).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
