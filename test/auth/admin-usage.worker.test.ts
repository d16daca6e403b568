// GET /admin/tenants/:id/usage in workerd over the audit D1 database: a tenant's summary counts only its own
// requests, tenant keys cannot read it, and bad ranges are refused.
import { applyD1Migrations, env, SELF, type D1Migration } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { insertAuditStatement } from "../../shared/audit/d1-rows";
import { makeAuditRecord, makeBlockedPrompt } from "../../shared/audit/test-records";
import { seedTenantKey } from "../support/seed-kv";

const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
const testEnv = env as unknown as { EDGEGUARD_AUDIT_DB: D1Database; EDGEGUARD_KV: KVNamespace; TEST_MIGRATIONS: D1Migration[] };
const suffix = Date.now().toString(36);
const A = `usage-a-${suffix}`;
const B = `usage-b-${suffix}`;
let keyOfA: string;

beforeAll(async () => {
  await applyD1Migrations(testEnv.EDGEGUARD_AUDIT_DB, testEnv.TEST_MIGRATIONS);
  ({ key: keyOfA } = await seedTenantKey({ kv: testEnv.EDGEGUARD_KV, tenant: { id: A } }));
  await seedTenantKey({ kv: testEnv.EDGEGUARD_KV, tenant: { id: B } });
  const records = [
    makeAuditRecord({ requestId: `${suffix}-a1`, tenantId: A, tokens: { input: 10, output: 20 } }),
    makeBlockedPrompt({ requestId: `${suffix}-a2`, tenantId: A, tokens: { input: 7 } }),
    ...Array.from({ length: 5 }, (_, i) => makeBlockedPrompt({ requestId: `${suffix}-b${i}`, tenantId: B })),
  ];
  await testEnv.EDGEGUARD_AUDIT_DB.batch(records.map((record) => insertAuditStatement({ db: testEnv.EDGEGUARD_AUDIT_DB, record })));
});

const usage = async (tenantId: string, query: string, token = ADMIN_TOKEN) => {
  const response = await SELF.fetch(`http://gateway.test/admin/tenants/${tenantId}/usage${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
};
const RANGE = "?from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z";

describe("tenant usage", () => {
  it("counts only the path's tenant", async () => {
    const a = await usage(A, RANGE);
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({ tenantId: A, requests: 2, blocked: 1, byAction: { allow: 1, block: 1 }, tokens: { input: 17, output: 20 } });
    expect((await usage(B, RANGE)).json).toMatchObject({ tenantId: B, requests: 5, blocked: 5 });
  });

  it("refuses tenant keys (even the tenant's own), unknown tenants and bad ranges", async () => {
    expect((await usage(B, RANGE, keyOfA)).status).toBe(401);
    expect((await usage(A, RANGE, keyOfA)).status).toBe(401);
    expect((await usage(`nobody-${suffix}`, RANGE)).status).toBe(404);
    expect((await usage(A, "?from=yesterday")).status).toBe(400);
    expect((await usage(A, "?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z")).status).toBe(400);
  });
});
