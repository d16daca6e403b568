// Builds the Worker's dependencies from its bindings, once per isolate: providers and routes from GATEWAY_CONFIG
// (provider keys as "env:NAME" secrets), tenants and keys from KV behind an in-isolate cache; delivered answers'
// fingerprints in KV too.
import { withIdentityCache } from "../shared/auth/cached-identity-store";
import { parseGatewayConfig, type GatewayConfig } from "../shared/config/schema";
import { createProviderRouter } from "../shared/providers/registry";
import { createStateIdBinder } from "../shared/api/state-ids";
import { limiterFromConfig } from "../shared/rate-limit/from-config";
import { createScriptClient } from "../shared/rate-limit/upstash-script-client";
import { createEscalatingClassifierDetector, type WorkersAiBinding } from "../shared/screening/classifiers/escalating-classifier";
import { defaultDetectors, detectorsWithClassifier } from "../shared/screening/registry";
import { createCleanTextCache } from "../shared/screening/engine/clean-text-cache";
import { createDeliveredAnswers } from "../shared/screening/delivered-answers/delivered-answers";
import type { Detector } from "../shared/screening/types";
import { createKvIdentityStore } from "../shared/store/kv-identity-store";
import { describeProblems } from "../shared/validation/validate";
import { withSuspensionCache } from "../shared/response/cached-suspension-store";
import { createKvSuspensionStore } from "../shared/response/kv-suspension-store";
import { workerAuditSink } from "./audit-consumer/worker-audit-sink";
import type { Env, GatewayDeps } from "./app-env";

const built = new WeakMap<object, GatewayDeps>();

function secretOrValue(value: string, env: Env, owner: string): string {
  const ref = /^env:([A-Z0-9_]+)$/.exec(value);
  if (!ref) return value;
  const secret = env[ref[1]];
  if (typeof secret !== "string") throw new Error(`edgeguard: ${owner} needs the secret ${ref[1]}`);
  return secret;
}

/** Replaces `env:NAME` provider keys by the secret NAME, so keys never sit in wrangler.toml. */
function resolveSecrets(config: GatewayConfig, env: Env): GatewayConfig {
  const providers = Object.fromEntries(
    Object.entries(config.providers).map(([name, provider]) => {
      return [name, { ...provider, apiKey: secretOrValue(provider.apiKey, env, `provider "${name}"`) }];
    }),
  );
  const rateLimit = config.rateLimit.backend === "upstash" ? { ...config.rateLimit, token: secretOrValue(config.rateLimit.token, env, "rateLimit") } : config.rateLimit;
  return { ...config, providers, rateLimit };
}

/** The default detectors, or with the classifier escalating to Workers AI when configured and bound. */
function workerDetectors(options: { config: GatewayConfig; ai?: WorkersAiBinding }): readonly Detector[] {
  const escalation = options.config.classifierEscalation;
  if (!escalation || !options.ai) return defaultDetectors();
  return detectorsWithClassifier(
    createEscalatingClassifierDetector({
      ai: options.ai,
      model: escalation.model,
      timeoutMs: escalation.timeoutMs,
      failMode: escalation.failMode,
      // Which labels went remote and how it ended — never the text. Timeouts and errors are the fail-mode cases.
      onEscalation: (event) => console.log(JSON.stringify({ edgeguard: "classifier_escalation", labels: event.labels, outcome: event.outcome, ms: event.elapsedMs })),
    }),
  );
}

export function workerDeps(env: Env): GatewayDeps {
  const cached = built.get(env);
  if (cached) return cached;
  const parsed = parseGatewayConfig(JSON.parse(env.GATEWAY_CONFIG || "{}"));
  if (!parsed.ok) {
    throw new Error(`edgeguard: invalid GATEWAY_CONFIG: ${describeProblems(parsed.problems, { rootName: "GATEWAY_CONFIG" })}`);
  }
  const config = resolveSecrets(parsed.config, env);
  const deps: GatewayDeps = {
    identities: withIdentityCache(createKvIdentityStore(env.EDGEGUARD_KV)),
    router: createProviderRouter(config),
    detectors: workerDetectors({ config, ai: env.AI as WorkersAiBinding | undefined }),
    cleanTexts: createCleanTextCache(),
    deliveredAnswers: createDeliveredAnswers({ kv: env.EDGEGUARD_KV }),
    ipLimits: config.ipLimits,
    // Cloudflare sets cf-connecting-ip at its edge; clients cannot forge it there.
    clientIp: (c) => c.req.header("cf-connecting-ip"),
    limiter: limiterFromConfig({
      rateLimit: config.rateLimit,
      createRedis: ({ url, token }) => createScriptClient({ url, token, retries: 1, backoffMs: 20 }),
    }),
    auditSink: workerAuditSink(env),
    suspensions: withSuspensionCache(createKvSuspensionStore({ kv: env.EDGEGUARD_KV })),
    enforcedPolicy: config.enforcedPolicy,
    stateIds: config.providerStateSecret ? createStateIdBinder({ secret: secretOrValue(config.providerStateSecret, env, "providerStateSecret") }) : undefined,
    bodyLimitBytes: config.bodyLimitBytes,
    maxTextsPerRequest: config.maxTextsPerRequest,
    now: Date.now,
    // The token is checked (length, constant-time) by workers/admin/admin-auth.ts; absent → /admin/* is 404.
    admin: typeof env.ADMIN_TOKEN === "string" ? { token: env.ADMIN_TOKEN, kv: env.EDGEGUARD_KV } : undefined,
  };
  built.set(env, deps);
  return deps;
}
