// /admin/tenants/:tenantId/keys: issue (the plaintext key is in this one response and nowhere else), list (no
// secrets, no hashes), revoke, suspend, resume, rotate. A key id of another tenant answers 404.
import { Hono } from "hono";
import * as v from "valibot";
import { keySettingsSchema } from "../../shared/auth/key-lifecycle";
import type { KeyRecord } from "../../shared/store/records";
import { createKey, listKeys, rotateTenantKey, setKeyStatus } from "../../shared/store/tenant-admin";
import { integer } from "../../shared/validation/fields";
import { strictObject } from "../../shared/validation/objects";
import type { AppEnv } from "../app-env";
import { adminFailure } from "./admin-error";
import { readJson } from "./read-json";
import { storeOf } from "./tenant-routes";

const rotateBodySchema = strictObject({ graceSeconds: v.optional(integer({ min: 0 })) });

export const keyRoutes = new Hono<AppEnv>();

keyRoutes.post("/", async function createKeyRoute(c) {
  const body = await readJson(c, keySettingsSchema);
  if (!body.ok) return body.response;
  const result = await createKey({ store: storeOf(c), now: c.var.deps.now(), tenantId: c.req.param("tenantId")!, settings: body.data });
  if (!result.ok) return adminFailure(c, result);
  c.header("cache-control", "no-store");
  return c.json({ key: result.key, record: result.view, notice: "Store this key now: it cannot be shown again." }, 201);
});

keyRoutes.get("/", async function listKeysRoute(c) {
  const result = await listKeys({ store: storeOf(c), now: c.var.deps.now(), tenantId: c.req.param("tenantId")! });
  return result.ok ? c.json({ keys: result.keys }) : adminFailure(c, result);
});

const STATUS_ACTIONS: Record<string, KeyRecord["status"]> = { revoke: "revoked", suspend: "suspended", resume: "active" };

for (const [action, status] of Object.entries(STATUS_ACTIONS)) {
  keyRoutes.post(`/:keyId/${action}`, async function setKeyStatusRoute(c) {
    const result = await setKeyStatus({
      store: storeOf(c),
      now: c.var.deps.now(),
      tenantId: c.req.param("tenantId")!,
      keyId: c.req.param("keyId"),
      status,
    });
    return result.ok ? c.json({ record: result.view }) : adminFailure(c, result);
  });
}

keyRoutes.post("/:keyId/rotate", async function rotateKeyRoute(c) {
  const body = await readJson(c, rotateBodySchema);
  if (!body.ok) return body.response;
  const graceSeconds = body.data.graceSeconds;
  const result = await rotateTenantKey({
    store: storeOf(c),
    now: c.var.deps.now(),
    tenantId: c.req.param("tenantId")!,
    keyId: c.req.param("keyId"),
    graceMs: graceSeconds === undefined ? undefined : graceSeconds * 1000,
  });
  if (!result.ok) return adminFailure(c, result);
  c.header("cache-control", "no-store");
  return c.json({ key: result.key, record: result.view, previous: result.previous }, 201);
});
