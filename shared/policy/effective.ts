// The policy a request runs under: the tenant's own policy merged over the DESIGN default, then the operator's
// enforced floor. Memoised by object identity (tenant records are cached), since it runs on every request.
import type { TenantRecord } from "../store/records";
import { mergePolicy } from "./merge";
import { DEFAULT_POLICY, enforce, type Policy } from "./schema";

const NOTHING_ENFORCED = {};
const memo = new WeakMap<object, WeakMap<object, Policy>>();

export function effectivePolicy(options: { tenant: TenantRecord; enforced?: Policy }): Policy {
  const own = options.tenant.policy ?? DEFAULT_POLICY;
  const floor = options.enforced ?? NOTHING_ENFORCED;
  let byFloor = memo.get(own);
  if (!byFloor) memo.set(own, (byFloor = new WeakMap()));
  let policy = byFloor.get(floor);
  if (!policy) {
    const merged = own === DEFAULT_POLICY ? DEFAULT_POLICY : mergePolicy({ base: DEFAULT_POLICY, override: own });
    policy = options.enforced ? enforce({ tenant: merged, enforced: options.enforced }) : merged;
    byFloor.set(floor, policy);
  }
  return policy;
}
