// The same edgeguard app on Node (@hono/node-server) for self-hosting: tenants from the config file (and from Redis,
// with the admin API, when the config names a store: node-store.ts), background work (audit writes) tracked so
// `close()` drains it, and the Worker's waitUntil contract kept.
import { serve, type ServerType } from "@hono/node-server";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFanOutAuditSink } from "../shared/audit/fan-out-sink";
import { createFileAuditSink } from "../shared/audit/file-sink";
import { createJsonLinesAuditSink } from "../shared/audit/memory-sink";
import type { AuditSink } from "../shared/audit/record";
import type { GatewayConfig } from "../shared/config/schema";
import { Redis } from "@upstash/redis";
import { createProviderRouter } from "../shared/providers/registry";
import { createStateIdBinder } from "../shared/api/state-ids";
import { limiterFromConfig } from "../shared/rate-limit/from-config";
import { defaultDetectors } from "../shared/screening/registry";
import { createCleanTextCache } from "../shared/screening/engine/clean-text-cache";
import { createMetricsSink } from "../shared/metrics/metrics-sink";
import { createMetricsRegistry, type MetricsRegistry } from "../shared/metrics/registry";
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from "../shared/metrics/render-prometheus";
import { constantTimeEqual, sha256Hex } from "../shared/auth/api-key";
import type { Env, GatewayDeps } from "./app-env";
import { createApp } from "./app";
import { deferHeaderFlush } from "./deferred-header-flush";
import { nodeUpstreamFetch } from "./node-upstream-fetch";
import { nodeStoreDeps, resolveConfigSecret } from "./node-store";
import { ipFromTrustedHeader } from "./middleware/ip-limit/ip-limit";
import { registerNodeRequest, socketAddress } from "./request-io";
import { stdoutAuditLines } from "./stdout-audit-lines";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
/** Node has no Worker bindings: deps are built once (nodeDeps), so every request shares one empty env. */
const NO_BINDINGS = {} as Env;

export interface NodeServerOptions {
  config: GatewayConfig;
  port?: number;
  host?: string;
  auditSink?: AuditSink;
  now?: () => number;
  /** Where "env:NAME" config secrets are read (process.env by default). */
  env?: Record<string, string | undefined>;
}

export interface NodeServer {
  url: string;
  port: number;
  deps: GatewayDeps;
  close(): Promise<void>;
}

/** Where audit records go on Node: the configured sink (tests), else a rotated file or stdout; always the metrics. */
function nodeAuditSink(options: { config: GatewayConfig; auditSink?: AuditSink; metrics: MetricsRegistry }): AuditSink {
  const file = options.config.audit?.file;
  const primary =
    options.auditSink ??
    (file ? createFileAuditSink({ path: file.path, maxBytes: file.maxBytes, keep: file.keep }) : createJsonLinesAuditSink({ writeLine: (line) => stdoutAuditLines().write(line) }));
  return createFanOutAuditSink([primary, createMetricsSink(options.metrics)]);
}

export function nodeDeps(
  options: Pick<NodeServerOptions, "config" | "auditSink" | "now" | "env"> & { metrics?: MetricsRegistry },
): GatewayDeps {
  const { config, metrics = createMetricsRegistry() } = options;
  // Identities (config file, then Redis), suspensions and the admin API's token and store: workers/node-store.ts.
  const store = nodeStoreDeps({ config, env: options.env, now: options.now });
  return {
    identities: store.identities,
    admin: store.admin,
    router: createProviderRouter(config),
    detectors: defaultDetectors(),
    cleanTexts: createCleanTextCache(),
    deliveredAnswers: store.deliveredAnswers,
    limiter: limiterFromConfig({
      rateLimit: config.rateLimit,
      // One short retry at most: the limiter's own timeout decides the fail mode, not the client's retry loop.
      createRedis: ({ url, token }) => new Redis({ url, token, retry: { retries: 1, backoff: () => 20 } }),
      now: options.now,
    }),
    auditSink: nodeAuditSink({ config, auditSink: options.auditSink, metrics }),
    suspensions: store.suspensions,
    enforcedPolicy: config.enforcedPolicy,
    stateIds: config.providerStateSecret
      ? createStateIdBinder({ secret: resolveConfigSecret({ value: config.providerStateSecret, env: options.env ?? process.env, owner: "providerStateSecret" }) })
      : undefined,
    bodyLimitBytes: config.bodyLimitBytes,
    maxTextsPerRequest: config.maxTextsPerRequest,
    requestTimeoutMs: config.requestTimeoutMs,
    now: options.now ?? Date.now,
    upstreamFetch: nodeUpstreamFetch,
    ipLimits: config.ipLimits,
    // The socket's peer, unless the operator names the header its own reverse proxy sets.
    clientIp: config.trustedClientIpHeader
      ? (c) => ipFromTrustedHeader(c.req.header(config.trustedClientIpHeader!))
      : (c) => socketAddress(c),
  };
}

/**
 * Node's own limits on slow clients, far below its defaults (headers 60 s, request 5 min). A body is timed where it
 * is read (request-body.ts: 408 in the route's envelope, audited); Node's request timeout, a few seconds later, is the
 * backstop for bodies nothing reads (it answers a bare 408 and closes). Checked every second instead of every 30.
 */
function slowClientTimeouts(requestTimeoutMs: number) {
  return { headersTimeout: Math.min(10_000, requestTimeoutMs), requestTimeout: requestTimeoutMs + 5_000, connectionsCheckingInterval: 1_000 };
}

export async function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const metrics = createMetricsRegistry();
  const deps = nodeDeps({ ...options, metrics });
  const host = options.host ?? "127.0.0.1";
  const metricsToken = options.config.metricsToken;
  const app = createApp({
    resolveDeps: () => deps,
    extend: (routes) =>
      routes.get("/metrics", async function serveMetrics(c) {
        const presented = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
        const allowed = metricsToken
          ? constantTimeEqual(await sha256Hex(presented), await sha256Hex(metricsToken))
          : LOOPBACK_HOSTS.has(host);
        if (!allowed) return c.json({ error: { message: "Metrics need the metrics token.", type: "invalid_request_error", code: "invalid_api_key", param: null } }, 401);
        return c.body(renderPrometheus(metrics), 200, { "content-type": PROMETHEUS_CONTENT_TYPE });
      }),
  });
  const pending = new Set<Promise<unknown>>();
  const executionCtx = {
    waitUntil(promise: Promise<unknown>) {
      const tracked = promise.finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;

  const server = await new Promise<ServerType>((resolve, reject) => {
    const started: ServerType = serve(
      {
        fetch: (request, node) => {
          // This server is plain HTTP/1.1 (node:http), so the bindings are IncomingMessage/ServerResponse.
          const { incoming, outgoing } = node as { incoming: IncomingMessage; outgoing: ServerResponse };
          registerNodeRequest({ request, incoming, outgoing });
          deferHeaderFlush(outgoing);
          return app.fetch(request, NO_BINDINGS, executionCtx);
        },
        port: options.port ?? 8787, hostname: options.host ?? "127.0.0.1",
        serverOptions: slowClientTimeouts(options.config.requestTimeoutMs) },
      () => resolve(started),
    );
    started.once("error", reject); // e.g. EADDRINUSE: fail the start instead of crashing later
  });
  const address = server.address() as AddressInfo;
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
