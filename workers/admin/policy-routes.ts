// /admin/tenants/:tenantId/policy: read, replace (validated by the policy schema and the banned-pattern check,
// versioned), and roll back to the version before the current one.
import { Hono } from "hono";
import * as v from "valibot";
import { policySchema } from "../../shared/policy/schema";
import { getPolicy, putPolicy, rollbackPolicy, type PatternSafetyCheck } from "../../shared/store/policy-versions";
import { strictObject } from "../../shared/validation/objects";
import type { AppEnv } from "../app-env";
import { adminFailure } from "./admin-error";
import { readJson } from "./read-json";
import { storeOf } from "./tenant-routes";

const policyBodySchema = strictObject({ policy: policySchema });

export function policyRoutes(options: { isSafePattern?: PatternSafetyCheck } = {}) {
  const routes = new Hono<AppEnv>();

  routes.get("/", async function getPolicyRoute(c) {
    const result = await getPolicy({ store: storeOf(c), tenantId: c.req.param("tenantId")! });
    return result.ok ? c.json(result.state) : adminFailure(c, result);
  });

  routes.put("/", async function putPolicyRoute(c) {
    const body = await readJson(c, policyBodySchema);
    if (!body.ok) return body.response;
    const result = await putPolicy({
      store: storeOf(c),
      now: c.var.deps.now(),
      tenantId: c.req.param("tenantId")!,
      policy: body.data.policy,
      isSafePattern: options.isSafePattern,
    });
    return result.ok ? c.json(result.state) : adminFailure(c, result);
  });

  routes.post("/rollback", async function rollbackPolicyRoute(c) {
    const result = await rollbackPolicy({ store: storeOf(c), now: c.var.deps.now(), tenantId: c.req.param("tenantId")! });
    return result.ok ? c.json({ ...result.state, restoredVersion: result.restoredVersion }) : adminFailure(c, result);
  });

  return routes;
}
