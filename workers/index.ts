// The Worker: the composed edgeguard app as the default export.
import type { Env } from "./app-env";
import { createApp } from "./app";
import { consumeAuditBatch } from "./audit-consumer/consume-audit-batch";
import { workerDeps } from "./worker-deps";

const app = createApp({ resolveDeps: workerDeps });

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  // The audit Queue's consumer: batches of records into D1 (docs/audit.md).
  queue: async (batch, env) => {
    if (!env.EDGEGUARD_AUDIT_DB) throw new Error("edgeguard: the audit queue consumer needs the EDGEGUARD_AUDIT_DB binding");
    await consumeAuditBatch(batch, { EDGEGUARD_AUDIT_DB: env.EDGEGUARD_AUDIT_DB });
  },
} satisfies ExportedHandler<Env>;
