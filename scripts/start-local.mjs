// `npm start`: seeds the local KV with the demo tenant and key (README), applies the audit D1 migrations locally, then
// runs the Worker with `wrangler dev` on 127.0.0.1:8787. The embedded GATEWAY_CONFIG (wrangler.toml) routes every model to the deterministic mock provider.
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";

// Demo only: a published key for a local tenant that can reach nothing but the mock provider.
export const DEMO_KEY = "eg_demo_DemoKeyForLocalUseOnly0000000000000000";
const sha256 = createHash("sha256").update(DEMO_KEY).digest("hex");
const seed = [
  { key: "tenant:demo", value: JSON.stringify({ id: "demo", policyVersion: 0 }) },
  { key: "key:demo", value: JSON.stringify({ id: "demo", tenantId: "demo", sha256, status: "active", scopes: ["chat", "responses", "messages", "embeddings", "guard", "models", "set_user"] }) },
];
mkdirSync(".wrangler", { recursive: true });
writeFileSync(".wrangler/demo-seed.json", JSON.stringify(seed));
const wrangler = process.platform === "win32" ? "wrangler.cmd" : "wrangler";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const seeded = spawnSync("npx", [wrangler, "kv", "bulk", "put", ".wrangler/demo-seed.json", "--binding", "EDGEGUARD_KV", "--local"], { stdio: "inherit", env });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
// The audit Queue's consumer writes to the local D1 database: create its tables first.
const migrated = spawnSync("npx", [wrangler, "d1", "migrations", "apply", "EDGEGUARD_AUDIT_DB", "--local"], { stdio: ["ignore", "inherit", "inherit"], env: { ...env, CI: "true" } });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);
console.log(`\nedgeguard demo key: ${DEMO_KEY}\n`);
const dev = spawn("npx", [wrangler, "dev", "--ip", "127.0.0.1", "--port", "8787", ...process.argv.slice(2)], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
