// The edgeguard app on Node with KV replaced by an in-memory map and an injectable clock: the Worker's admin API and
// key auth, exactly as composed in workers/app.ts, but with time under the test's control.
import { createMemoryAuditSink } from "../../shared/audit/memory-sink";
import { withIdentityCache } from "../../shared/auth/cached-identity-store";
import { gatewayConfigSchema } from "../../shared/config/schema";
import { createKvIdentityStore } from "../../shared/store/kv-identity-store";
import { createMemoryKv } from "../../shared/store/memory-kv";
import { parseValid } from "../../shared/validation/validate";
import { createApp } from "../../workers/app";
import type { Env, GatewayDeps } from "../../workers/app-env";
import { nodeDeps } from "../../workers/node";

export const TEST_ADMIN_TOKEN = "node-admin-token-0123456789abcdef";

export function inMemoryGateway(options: { adminToken?: string; start?: number } = {}) {
  let clock = options.start ?? Date.parse("2026-05-01T00:00:00Z");
  const now = () => clock;
  const kv = createMemoryKv();
  const audit = createMemoryAuditSink();
  const config = parseValid(gatewayConfigSchema, {
    providers: { mock: { type: "mock", baseUrl: "mock://local", apiKey: "none" } },
    routes: [{ model: "*", provider: "mock" }],
  });
  // The Node deps (detectors, router…) with tenants read from the in-memory KV instead of the config file.
  const deps: GatewayDeps = { ...nodeDeps({ config, auditSink: audit, now }), identities: withIdentityCache(createKvIdentityStore(kv), { now }) };
  const env = { EDGEGUARD_KV: kv, GATEWAY_CONFIG: "{}", ADMIN_TOKEN: "adminToken" in options ? options.adminToken : TEST_ADMIN_TOKEN } as Env;
  const app = createApp({ resolveDeps: () => deps });
  return {
    kv,
    audit,
    env,
    advance: (ms: number) => void (clock += ms),
    fetch: (request: Request) => app.fetch(request, env),
    request: (path: string, init?: RequestInit) => app.request(path, init, env),
  };
}
