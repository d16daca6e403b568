// The Worker: the composed edgeguard app as the default export.
import type { Env } from "./app-env";
import { createApp } from "./app";
import { workerDeps } from "./worker-deps";

const app = createApp({ resolveDeps: workerDeps });

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
