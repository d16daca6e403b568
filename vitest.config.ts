// Two test projects: `node` (pure core, Node server, CLIs, official SDKs) and `workers` (the whole Worker in workerd).
// The fake provider's port is chosen here, before either project starts, because the Worker's bindings must name it;
// test/support/global-setup.ts then starts the fake provider on it.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { createServer } from "node:net";
import { defineConfig } from "vitest/config";
import { redisServerInstalled } from "./test/support/redis-server";
import { providerSection } from "./test/support/test-config";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default defineConfig(async () => {
  const fakePort = Number(process.env.EDGEGUARD_TEST_FAKE_PORT) || (await freePort());
  process.env.EDGEGUARD_TEST_FAKE_PORT = String(fakePort);
  // The Worker under test limits rates on real Redis through the Upstash-compatible bridge global-setup starts.
  const bridgePort = Number(process.env.EDGEGUARD_TEST_BRIDGE_PORT) || (await freePort());
  process.env.EDGEGUARD_TEST_BRIDGE_PORT = String(bridgePort);
  process.env.EDGEGUARD_TEST_BRIDGE_TOKEN ??= `bridge-${Date.now()}`;
  const rateLimit = redisServerInstalled()
    ? { backend: "upstash", url: `http://127.0.0.1:${bridgePort}`, token: process.env.EDGEGUARD_TEST_BRIDGE_TOKEN, timeoutMs: 1_000 }
    : { backend: "memory" };
  const gatewayConfig = {
    ...providerSection(`http://127.0.0.1:${fakePort}`), bodyLimitBytes: 64 * 1024, maxTextsPerRequest: 500, rateLimit,
    providerStateSecret: "env:PROVIDER_STATE_SECRET",
  };
  return {
    test: {
      // .ci/run reads the JSON summary to print its closing "N passed, N failed" line.
      reporters: process.env.EDGEGUARD_TEST_RESULTS ? ["default", "json"] : ["default"],
      outputFile: process.env.EDGEGUARD_TEST_RESULTS ? { json: process.env.EDGEGUARD_TEST_RESULTS } : undefined,
      projects: [
        {
          test: {
            name: "node",
            include: ["shared/**/*.test.ts", "workers/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "cli/**/*.test.ts", "bin/**/*.test.ts"],
            exclude: ["**/*.worker.test.ts", "node_modules/**"],
            globalSetup: ["test/support/global-setup.ts"],
            testTimeout: 20_000,
            hookTimeout: 30_000,
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  GATEWAY_CONFIG: JSON.stringify(gatewayConfig),
                  ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
                  PROVIDER_STATE_SECRET: "test-provider-state-secret-0123456789abcdef",
                  // D1 migrations for test/audit (applyD1Migrations in the test); the D1/Queue bindings come from wrangler.toml.
                  TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/**/*.worker.test.ts"],
            globalSetup: ["test/support/global-setup.ts"],
            testTimeout: 20_000,
          },
        },
      ],
    },
  };
});
