#!/usr/bin/env node
// The `edgeguard` command: loads the TypeScript CLI through tsx (a runtime dependency), so `npx edgeguard` works
// straight after `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
