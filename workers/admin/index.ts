// The admin API, mounted at /admin by workers/app.ts: tenants, their keys, policies and limits in KV, behind the
// admin token. Token and store come from deps.admin (admin-access.ts): Workers KV on Workers, Redis on Node. Writes
// reach the gateway's in-isolate caches only when their TTL runs out (plus KV propagation): docs/storage-schema.md.
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { keyIdSchema, tenantIdSchema } from "../../shared/config/schema";
import type { AppEnv } from "../app-env";
import { refuseReadOnlyTenants } from "./admin-access";
import { requireAdminToken } from "./admin-auth";
import { adminError } from "./admin-error";
import { keyRoutes } from "./key-routes";
import { policyRoutes } from "./policy-routes";
import { tenantRoutes } from "./tenant-routes";
import { usageRoutes } from "./usage-routes";

export const admin = new Hono<AppEnv>();

/** Ids in paths must be ids (never anything KV would choke on, or a `:` that could reach another prefix). */
const checkPathIds = createMiddleware<AppEnv>(async function checkPathIds(c, next) {
  const { tenantId, keyId } = c.req.param() as { tenantId?: string; keyId?: string };
  const bad = (tenantId !== undefined && !v.is(tenantIdSchema, tenantId)) || (keyId !== undefined && !v.is(keyIdSchema, keyId));
  if (bad) return adminError(c, { status: 404, code: "not_found", message: "No such tenant or key." });
  await next();
});

admin.use("*", requireAdminToken());
admin.use("/tenants/:tenantId", checkPathIds);
admin.use("/tenants/:tenantId/*", checkPathIds);
admin.use("/tenants/:tenantId/keys/:keyId/*", checkPathIds);
admin.use("/tenants/:tenantId", refuseReadOnlyTenants);
admin.use("/tenants/:tenantId/*", refuseReadOnlyTenants);
admin.route("/tenants", tenantRoutes);
admin.route("/tenants/:tenantId/keys", keyRoutes);
admin.route("/tenants/:tenantId/policy", policyRoutes());
admin.route("/tenants/:tenantId/usage", usageRoutes);
