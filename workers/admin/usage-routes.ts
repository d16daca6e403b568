// /admin/tenants/:tenantId/usage?from=&to=: the tenant's request, block and token summary over [from, to) from the
// audit D1 database (shared/audit/summaries.ts). Scoped by the path's tenant id in SQL, so one tenant's summary never
// counts another's requests. Without the EDGEGUARD_AUDIT_DB binding the route answers 404 usage_unavailable.
import { Hono } from "hono";
import * as v from "valibot";
import { summariseUsage } from "../../shared/audit/summaries";
import { getTenant } from "../../shared/store/tenant-admin";
import { isoTime } from "../../shared/validation/fields";
import { strictObject } from "../../shared/validation/objects";
import { validate } from "../../shared/validation/validate";
import type { AppEnv } from "../app-env";
import { adminError, adminFailure } from "./admin-error";
import { storeOf } from "./tenant-routes";

const DAY_MS = 24 * 60 * 60 * 1000;
const rangeSchema = strictObject({ from: v.optional(isoTime()), to: v.optional(isoTime()) });

export const usageRoutes = new Hono<AppEnv>();

usageRoutes.get("/", async function usageRoute(c) {
  const db = c.env.EDGEGUARD_AUDIT_DB as D1Database | undefined;
  if (!db) return adminError(c, { status: 404, code: "usage_unavailable", message: "Usage needs the EDGEGUARD_AUDIT_DB binding." });
  const range = validate(rangeSchema, c.req.query());
  if (!range.ok) {
    const param = range.problems[0].path || "query";
    return adminError(c, { status: 400, code: "invalid_request", message: `Invalid ${param}: an ISO-8601 time is expected.`, param });
  }
  const tenantId = c.req.param("tenantId")!;
  const tenant = await getTenant({ store: storeOf(c), tenantId });
  if (!tenant.ok) return adminFailure(c, tenant);
  const to = range.data.to ?? new Date(c.var.deps.now()).toISOString();
  const from = range.data.from ?? new Date(Date.parse(to) - DAY_MS).toISOString();
  if (Date.parse(from) >= Date.parse(to)) return adminError(c, { status: 400, code: "invalid_request", message: "from must be before to.", param: "from" });
  return c.json(await summariseUsage({ db, tenantId, from, to }));
});
