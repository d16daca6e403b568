// The Worker: the composed edgeguard app as the default export.
import type { Env } from "./app-env";
import { createApp } from "./app";
import { workerDeps } from "./worker-deps";

const app = createApp({ resolveDeps: workerDeps });

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  // The audit Queue's consumer: batches of records into D1 (docs/audit.md). Imported on the first batch, so isolates
  // that only serve requests never build the audit record schema (~0.5 ms of startup CPU).
  queue: async (batch, env) => {
    if (!env.EDGEGUARD_AUDIT_DB) throw new Error("edgeguard: the audit queue consumer needs the EDGEGUARD_AUDIT_DB binding");
    const { consumeAuditBatch } = await import("./audit-consumer/consume-audit-batch");
    await consumeAuditBatch(batch, { EDGEGUARD_AUDIT_DB: env.EDGEGUARD_AUDIT_DB });
  },
} satisfies ExportedHandler<Env>;
