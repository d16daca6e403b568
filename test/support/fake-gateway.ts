// The setup most Node-server tests share: the fake provider, a Node gateway in front of it with one tenant ("acme")
// holding one fresh key, and an in-memory audit sink; `close` stops both servers.
import { createMemoryAuditSink } from "../../shared/audit/memory-sink";
import type { GatewayConfigInput } from "../../shared/config/schema";
import { startNodeServer, type NodeServer } from "../../workers/node";
import { startFakeProvider, type FakeProvider } from "./fake-provider";
import { buildConfig, makeKey, providerSection } from "./test-config";

type TenantInput = NonNullable<GatewayConfigInput["tenants"]>[number];

export interface FakeGateway {
  fake: FakeProvider;
  server: NodeServer;
  key: Awaited<ReturnType<typeof makeKey>>;
  audit: ReturnType<typeof createMemoryAuditSink>;
  close(): Promise<void>;
}

export async function startFakeGateway(
  options: {
    tenant?: Omit<Partial<TenantInput>, "id" | "keys">;
    config?: Omit<GatewayConfigInput, "providers" | "routes" | "tenants">;
    key?: Parameters<typeof makeKey>[0];
  } = {},
): Promise<FakeGateway> {
  const fake = await startFakeProvider();
  const key = await makeKey(options.key);
  const audit = createMemoryAuditSink();
  const config = buildConfig({ ...providerSection(fake.url), ...options.config, tenants: [{ ...options.tenant, id: "acme", keys: [key.config] }] });
  const server = await startNodeServer({ config, port: 0, auditSink: audit });
  return {
    fake,
    server,
    key,
    audit,
    async close() {
      await server.close();
      await fake.stop();
    },
  };
}
