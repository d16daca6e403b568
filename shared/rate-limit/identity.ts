// Who is being limited. One request is checked against several identities at once, each with its own counters:
// - key:    the API key (per-key limits from the key record)            "key:<tenant>:<keyId>"
// - tenant: the whole customer, all its keys together (tenant limits)     "tenant:<tenant>"
// - user:   the end user a SaaS tenant names (set_user scope), so one of their users cannot exhaust the tenant
//           (only when userLimits are configured)                          "user:<tenant>:<endUser>"
// - ip:     anonymous traffic only (no key), the client IP as resolved by the caller — trusted proxy headers are the
//           caller's decision. IPv6 is limited per /64, since one host usually owns a whole /64.   "ip:<addr>"
// Values are escaped so no identity can forge another's key (":" cannot appear unescaped inside a part).

export type IdentityScope = "key" | "tenant" | "user" | "ip";

export interface LimitIdentity {
  scope: IdentityScope;
  /** The limiter key. */
  id: string;
}

const MAX_PART = 128;

/** FNV-1a, 32 bits: keeps over-long parts distinct after truncation (not a security boundary). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function part(value: string): string {
  const escaped = encodeURIComponent(value);
  return escaped.length <= MAX_PART ? escaped : `${escaped.slice(0, MAX_PART)}~${fnv1a(value)}`;
}

/** IPv4 unchanged; IPv6 reduced to its /64 prefix ("2001:db8:1:2::/64"); IPv4-mapped IPv6 → IPv4. */
export function normalizeClientIp(ip: string): string {
  const trimmed = ip.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped) return mapped[1];
  if (!trimmed.includes(":")) return trimmed;
  const [head, tail = ""] = trimmed.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = trimmed.includes("::") && tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = trimmed.includes("::") ? [...headGroups, ...Array(Math.max(0, missing)).fill("0"), ...tailGroups] : headGroups;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return trimmed.toLowerCase();
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

export function identityKeys(options: { tenantId: string; keyId?: string; endUser?: string; clientIp?: string }): LimitIdentity[] {
  const { tenantId, keyId, endUser, clientIp } = options;
  const tenant = part(tenantId);
  const identities: LimitIdentity[] = [];
  if (keyId) identities.push({ scope: "key", id: `key:${tenant}:${part(keyId)}` });
  identities.push({ scope: "tenant", id: `tenant:${tenant}` });
  if (endUser) identities.push({ scope: "user", id: `user:${tenant}:${part(endUser)}` });
  if (!keyId && clientIp) identities.push({ scope: "ip", id: `ip:${part(normalizeClientIp(clientIp))}` });
  return identities;
}

/** Limits as the config writes them (structurally the same as shared/config's LimitsConfig). */
export interface LimitsInput {
  requests?: { limit: number; window: string; algorithm?: "sliding-window" | "token-bucket" | "fixed-window"; refillRate?: number };
  tokens?: { limit: number; window: string };
  dailyTokens?: number;
}

export interface LimitCheck {
  identity: LimitIdentity;
  limits: LimitsInput;
}

/** Pairs each identity with the limits that apply to it; identities without configured limits are not checked. */
export function planLimitChecks(options: {
  identities: LimitIdentity[];
  keyLimits?: LimitsInput;
  tenantLimits?: LimitsInput;
  userLimits?: LimitsInput;
  anonymousLimits?: LimitsInput;
}): LimitCheck[] {
  const byScope: Record<IdentityScope, LimitsInput | undefined> = {
    key: options.keyLimits,
    tenant: options.tenantLimits,
    user: options.userLimits,
    ip: options.anonymousLimits,
  };
  return options.identities.flatMap((identity) => {
    const limits = byScope[identity.scope];
    return limits && (limits.requests || limits.tokens || limits.dailyTokens) ? [{ identity, limits }] : [];
  });
}
