// Types `env` from "cloudflare:test" as the Worker's own Env (bindings from wrangler.toml + the test-only ones).
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../workers/app-env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
