// The route fuzz property (fuzz-property.ts) in workerd, against the Worker `wrangler deploy` ships: its body path
// (web Request, hono's counting body limit) and its platform are not the Node server's. Requests go through
// SELF.fetch, so a case fetch itself refuses to build (a body on GET, a header value fetch rejects) is skipped here:
// no client could send it to a Worker, and the Node fuzz sends those raw.
import { applyD1Migrations, env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { seedTenantKey } from "../support/seed-kv";
import { answerProblem, describeRequest, FUZZ_ROUTES, requestArbitrary, type FuzzRequest, type FuzzRoute } from "./fuzz-property";

const RUNS = 40;
/** The Worker's bodyLimitBytes in the workers test project (vitest.config.ts). */
const BODY_LIMIT_BYTES = 64 * 1024;

function buildRequest(request: FuzzRequest): Request | null {
  try {
    return new Request(`http://gateway.test${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  } catch {
    return null;
  }
}

// The audit records these requests queue are written to D1 by the Worker's consumer: it needs the table.
beforeAll(() => applyD1Migrations(env.EDGEGUARD_AUDIT_DB!, env.TEST_MIGRATIONS));

describe.each<FuzzRoute>([...FUZZ_ROUTES])("fuzzing %s in workerd", (route) => {
  it(`holds the property for ${RUNS} random requests`, { timeout: 60_000 }, async () => {
    const { key } = await seedTenantKey({ kv: env.EDGEGUARD_KV, tenant: { id: `fuzz-${route}` } });
    const statuses = new Set<number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary({ route, key, bodyLimitBytes: BODY_LIMIT_BYTES }), async (request) => {
        const built = buildRequest(request);
        fc.pre(built !== null);
        const response = await SELF.fetch(built!);
        const body = await response.text();
        sent++;
        statuses.add(response.status);
        const problem = answerProblem({ request, status: response.status, contentType: response.headers.get("content-type") ?? "", body });
        if (problem) throw new Error(`${describeRequest(request)} → ${response.status}: ${problem}\nanswer: ${body.slice(0, 300)}`);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS * 0.8);
    // The model routes' generators must reach past authentication and parsing, or only the 401 path is tested.
    if (!["admin", "unknown", "models"].includes(route)) expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401]));
  });
});
