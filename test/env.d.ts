// Types `env` from "cloudflare:test" as the Worker's own Env (bindings from wrangler.toml + the test-only ones).
declare namespace Cloudflare {
  interface Env extends import("../workers/app-env").Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
