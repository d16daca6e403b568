// Admin routes unreachable without the token, in workerd (SELF.fetch, ADMIN_TOKEN from vitest.config.ts). The basic
// missing/wrong/tenant-key matrix lives in test/auth/admin-api.worker.test.ts; this file tries what a bypass would:
// the token anywhere but the Authorization/x-api-key header, near-miss tokens, two Authorization values, other
// schemes, and paths that a router could treat as /admin/* after decoding or normalisation. Never a 2xx, never data.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
const tenantId = `lockout-${Date.now().toString(36)}`;
const secretPolicyWord = `victimword${Date.now().toString(36)}`;
/** The policy as the right token reads it right after setup; every refused attempt must leave it exactly so. */
let policySnapshot = "";

async function admin(options: { path: string; method?: string; headers?: HeadersInit; body?: unknown }) {
  const response = await SELF.fetch(`http://gateway.test${options.path}`, {
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, text };
}

beforeAll(async () => {
  // A tenant with a policy worth stealing, created through the admin API itself with the right token.
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
  expect((await admin({ path: "/admin/tenants", method: "POST", headers: auth, body: { id: tenantId } })).status).toBe(201);
  const policy = await admin({ path: `/admin/tenants/${tenantId}/policy`, method: "PUT", headers: auth, body: { policy: { bannedTopics: { keywords: [secretPolicyWord] } } } });
  expect(policy.status).toBe(200);
  policySnapshot = (await admin({ path: `/admin/tenants/${tenantId}/policy`, headers: auth })).text;
});

describe("the right token (control)", () => {
  it("reads the tenant and its policy, so the refusals below are refusals of the credentials only", async () => {
    const read = await admin({ path: `/admin/tenants/${tenantId}/policy`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(read.status).toBe(200);
    expect(read.text).toContain(secretPolicyWord);
  });
});

describe("credentials in the wrong place or nearly right", () => {
  const target = `/admin/tenants/${tenantId}/policy`;
  const attempts: Array<{ name: string; path?: string; headers: HeadersInit }> = [
    { name: "token in the query string", path: `${target}?token=${ADMIN_TOKEN}&access_token=${ADMIN_TOKEN}`, headers: {} },
    { name: "token in a cookie", headers: { cookie: `token=${ADMIN_TOKEN}; admin_token=${ADMIN_TOKEN}` } },
    { name: "token as Basic auth", headers: { authorization: `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}` } },
    { name: "token with another scheme", headers: { authorization: `Token ${ADMIN_TOKEN}` } },
    { name: "token without a scheme", headers: { authorization: ADMIN_TOKEN } },
    { name: "token minus its last character", headers: { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` } },
    { name: "token upper-cased", headers: { authorization: `Bearer ${ADMIN_TOKEN.toUpperCase()}` } },
    { name: "token with a NUL suffix", headers: { authorization: `Bearer ${ADMIN_TOKEN}%00` } },
    { name: "token in a custom header", headers: { "x-admin-token": ADMIN_TOKEN, "x-edgeguard-admin": ADMIN_TOKEN } },
    { name: "two Authorization values, right one first", headers: [["authorization", `Bearer ${ADMIN_TOKEN}`], ["authorization", "Bearer wrong"]] },
    { name: "two Authorization values, right one last", headers: [["authorization", "Bearer wrong"], ["authorization", `Bearer ${ADMIN_TOKEN}`]] },
    { name: "empty bearer with the token in x-api-key", headers: { authorization: "Bearer ", "x-api-key": ADMIN_TOKEN } },
  ];

  for (const attempt of attempts) {
    it(`refuses: ${attempt.name}`, async () => {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const result = await admin({ path: attempt.path ?? target, method, headers: attempt.headers, body: method === "PUT" ? { policy: {} } : undefined });
        expect(result.status, `${method} ${attempt.name}`).toBe(401);
        expect(JSON.parse(result.text)).toMatchObject({ error: { code: "invalid_admin_token" } });
        expect(result.text).not.toContain(secretPolicyWord);
      }
    });
  }

  it("left the tenant untouched", async () => {
    const read = await admin({ path: target, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(read.text).toBe(policySnapshot);
  });
});

describe("paths that could slip past the admin guard", () => {
  const paths = [
    `/Admin/tenants/${tenantId}/policy`,
    `/ADMIN/tenants/${tenantId}`,
    `//admin/tenants/${tenantId}`,
    `/admin/./tenants/${tenantId}`,
    `/v1/../admin/tenants/${tenantId}`,
    `/admin%2ftenants%2f${tenantId}`,
    `/%61dmin/tenants/${tenantId}`,
    `/admin;/tenants/${tenantId}`,
    `/admin/tenants/${tenantId}%2fpolicy`,
    `/admin/tenants/..%2f..%2fv1%2fmodels`,
    `/admin/tenants/${tenantId}/policy/`,
    `/v1/guard/../../admin/tenants/${tenantId}`,
  ];

  it("never answers a 2xx or the tenant's data to a path variant without the token", async () => {
    for (const path of paths) {
      for (const method of ["GET", "DELETE"]) {
        const result = await admin({ path, method });
        expect([401, 404], `${method} ${path}`).toContain(result.status);
        expect(result.text, path).not.toContain(secretPolicyWord);
        expect(JSON.parse(result.text), path).toMatchObject({ error: { type: "invalid_request_error" } });
      }
    }
    const read = await admin({ path: `/admin/tenants/${tenantId}/policy`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(read.status).toBe(200);
    expect(read.text).toBe(policySnapshot); // the DELETE attempts changed nothing
  });
});
