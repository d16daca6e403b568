// The same edgeguard app on Node (@hono/node-server) for self-hosting: tenants from the config file, background
// work (audit writes) tracked so `close()` drains it, and the Worker's waitUntil contract kept.
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createJsonLinesAuditSink } from "../shared/audit/memory-sink";
import type { AuditSink } from "../shared/audit/record";
import { withIdentityCache } from "../shared/auth/cached-identity-store";
import type { GatewayConfig } from "../shared/config/schema";
import { Redis } from "@upstash/redis";
import { createProviderRouter } from "../shared/providers/registry";
import { limiterFromConfig } from "../shared/rate-limit/from-config";
import { defaultDetectors } from "../shared/screening/registry";
import { createConfigIdentityStore } from "../shared/store/config-store";
import type { Env, GatewayDeps } from "./app-env";
import { createApp } from "./app";

export interface NodeServerOptions {
  config: GatewayConfig;
  port?: number;
  host?: string;
  auditSink?: AuditSink;
  now?: () => number;
}

export interface NodeServer {
  url: string;
  port: number;
  deps: GatewayDeps;
  close(): Promise<void>;
}

export function nodeDeps(options: Pick<NodeServerOptions, "config" | "auditSink" | "now">): GatewayDeps {
  const { config } = options;
  return {
    identities: withIdentityCache(createConfigIdentityStore(config), { now: options.now }),
    router: createProviderRouter(config),
    detectors: defaultDetectors(),
    limiter: limiterFromConfig({
      rateLimit: config.rateLimit,
      // One short retry at most: the limiter's own timeout decides the fail mode, not the client's retry loop.
      createRedis: ({ url, token }) => new Redis({ url, token, retry: { retries: 1, backoff: () => 20 } }),
      now: options.now,
    }),
    auditSink: options.auditSink ?? createJsonLinesAuditSink({ writeLine: (line) => process.stdout.write(line + "\n") }),
    enforcedPolicy: config.enforcedPolicy,
    bodyLimitBytes: config.bodyLimitBytes,
    now: options.now ?? Date.now,
  };
}

export async function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const deps = nodeDeps(options);
  const app = createApp({ resolveDeps: () => deps });
  const pending = new Set<Promise<unknown>>();
  const executionCtx = {
    waitUntil(promise: Promise<unknown>) {
      const tracked = promise.finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;

  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve(
      { fetch: (request) => app.fetch(request, {} as Env, executionCtx), port: options.port ?? 8787, hostname: options.host ?? "127.0.0.1" },
      () => resolve(started),
    );
  });
  const address = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    deps,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as { closeAllConnections?: () => void }).closeAllConnections?.(); // keep-alive sockets would hold close() open
      await closed;
      await Promise.allSettled([...pending]);
    },
  };
}
