// Limiter identities: which ones a request gets, escaping, IPv6 /64 grouping, and pairing with configured limits.
import { describe, expect, it } from "vitest";
import { identityKeys, normalizeClientIp, planLimitChecks } from "./identity";
import { isDuration, parseDuration } from "./duration";

describe("identityKeys", () => {
  it("checks key, tenant and end user for keyed traffic (no IP)", () => {
    expect(identityKeys({ tenantId: "acme", keyId: "k1", endUser: "u@x.com", clientIp: "1.2.3.4" })).toEqual([
      { scope: "key", id: "key:acme:k1" },
      { scope: "tenant", id: "tenant:acme" },
      { scope: "user", id: "user:acme:u%40x.com" },
    ]);
  });

  it("checks the IP for anonymous traffic", () => {
    expect(identityKeys({ tenantId: "public", clientIp: "2001:db8::1" })).toEqual([
      { scope: "tenant", id: "tenant:public" },
      { scope: "ip", id: `ip:${encodeURIComponent("2001:db8:0:0::/64")}` },
    ]);
  });

  it("cannot be forged across tenants with separators, and bounds long values", () => {
    const forged = identityKeys({ tenantId: "a", endUser: "b:c" })[1].id;
    const other = identityKeys({ tenantId: "a:b", endUser: "c" })[1].id;
    expect(forged).not.toBe(other);
    const long = identityKeys({ tenantId: "t", endUser: "x".repeat(1_000) })[1].id;
    const longer = identityKeys({ tenantId: "t", endUser: "x".repeat(1_001) })[1].id;
    expect(long.length).toBeLessThan(160);
    expect(long).not.toBe(longer);
  });
});

describe("normalizeClientIp", () => {
  it("groups IPv6 by /64 and unwraps IPv4-mapped addresses", () => {
    expect(normalizeClientIp("2001:0db8:0001:0002:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeClientIp("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(normalizeClientIp("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeClientIp(" 10.0.0.1 ")).toBe("10.0.0.1");
  });
});

describe("planLimitChecks", () => {
  it("pairs each identity with its scope's limits and skips unconfigured ones", () => {
    const identities = identityKeys({ tenantId: "acme", keyId: "k1", endUser: "u" });
    const tenantLimits = { requests: { limit: 100, window: "1 m" } };
    const checks = planLimitChecks({ identities, tenantLimits, keyLimits: {} });
    expect(checks).toEqual([{ identity: { scope: "tenant", id: "tenant:acme" }, limits: tenantLimits }]);
  });
});

describe("durations", () => {
  it("parses the config's duration strings and rejects others", () => {
    expect(parseDuration("10 s")).toBe(10_000);
    expect(parseDuration("1m")).toBe(60_000);
    expect(parseDuration("1 h")).toBe(3_600_000);
    expect(parseDuration("1 d")).toBe(86_400_000);
    expect(parseDuration("500 ms")).toBe(500);
    expect(() => parseDuration("10 seconds")).toThrow(/not a duration/);
    expect(isDuration("0 s")).toBe(false);
  });
});
