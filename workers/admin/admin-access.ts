// Where the admin API gets its token and store: `deps.admin` (filled from ADMIN_TOKEN + EDGEGUARD_KV by the Worker
// deps, from the config's adminToken + Redis store by the Node deps). Deps built by hand without `admin` (test
// helpers) fall back to the Worker bindings, so the same app keeps working when composed directly over an env.
// Also guards tenants that come from the Node config file: the admin API may not change them (the file would
// silently win on the next read, see shared/store/layered-identity-store.ts).
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AdminAccess, AppEnv } from "../app-env";
import { adminError } from "./admin-error";

export function adminAccess(c: Context<AppEnv>): AdminAccess | null {
  const fromDeps = c.var.deps?.admin;
  if (fromDeps) return fromDeps;
  const token = c.env?.ADMIN_TOKEN;
  const kv = c.env?.EDGEGUARD_KV;
  return typeof token === "string" && kv ? { token, kv } : null;
}

export function isReadOnlyTenant(c: Context<AppEnv>, tenantId: string): boolean {
  return adminAccess(c)?.readOnlyTenantIds?.has(tenantId) ?? false;
}

export function readOnlyTenantError(c: Context<AppEnv>, tenantId: string): Response {
  return adminError(c, {
    status: 409,
    code: "tenant_read_only",
    message: `Tenant ${tenantId} is defined in the config file; change it there.`,
  });
}

/** Every route under /tenants/:tenantId refuses a config-file tenant (reads too: the admin store does not hold it). */
export const refuseReadOnlyTenants = createMiddleware<AppEnv>(async function refuseReadOnlyTenants(c, next) {
  const tenantId = c.req.param("tenantId");
  if (tenantId !== undefined && isReadOnlyTenant(c, tenantId)) return readOnlyTenantError(c, tenantId);
  await next();
});
