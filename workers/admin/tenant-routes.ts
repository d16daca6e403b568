// /admin/tenants: create, read, delete a tenant, and set its limits. Thin: validation by valibot, work by
// shared/store/tenant-admin.ts, errors mapped in admin-error.ts.
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { limitsSchema } from "../../shared/config/schema";
import { createKvAdminStore } from "../../shared/store/kv-admin-store";
import { createTenant, deleteTenant, getTenant, newTenantSchema, publicTenantView, putLimits } from "../../shared/store/tenant-admin";
import { strictObject } from "../../shared/validation/objects";
import type { AppEnv } from "../app-env";
import { adminAccess, isReadOnlyTenant, readOnlyTenantError } from "./admin-access";
import { adminFailure } from "./admin-error";
import { readJson } from "./read-json";

const limitsBodySchema = strictObject({ limits: limitsSchema });

/** Only reached behind requireAdminToken, which answers 404 when there is no admin access. */
export const storeOf = (c: Context<AppEnv>) => createKvAdminStore(adminAccess(c)!.kv);

export const tenantRoutes = new Hono<AppEnv>();

tenantRoutes.post("/", async function createTenantRoute(c) {
  const body = await readJson(c, newTenantSchema);
  if (!body.ok) return body.response;
  if (isReadOnlyTenant(c, body.data.id)) return readOnlyTenantError(c, body.data.id);
  const result = await createTenant({ store: storeOf(c), now: c.var.deps.now(), input: body.data });
  return result.ok ? c.json({ tenant: publicTenantView(result.tenant) }, 201) : adminFailure(c, result);
});

tenantRoutes.get("/:tenantId", async function getTenantRoute(c) {
  const result = await getTenant({ store: storeOf(c), tenantId: c.req.param("tenantId") });
  return result.ok ? c.json({ tenant: publicTenantView(result.tenant) }) : adminFailure(c, result);
});

tenantRoutes.delete("/:tenantId", async function deleteTenantRoute(c) {
  const result = await deleteTenant({ store: storeOf(c), tenantId: c.req.param("tenantId") });
  return result.ok ? c.json({ deleted: true, deletedKeys: result.deletedKeys }) : adminFailure(c, result);
});

tenantRoutes.put("/:tenantId/limits", async function putLimitsRoute(c) {
  const body = await readJson(c, limitsBodySchema);
  if (!body.ok) return body.response;
  const result = await putLimits({ store: storeOf(c), tenantId: c.req.param("tenantId"), limits: body.data.limits });
  return result.ok ? c.json({ limits: result.tenant.limits }) : adminFailure(c, result);
});
