// canonicalValue and isAllowedValue: the forms a pii or secret rule's allowValues are compared in, per span type.
import { describe, expect, it } from "vitest";
import { canonicalValue, isAllowedValue } from "./allowed-values";

describe("allowValues", () => {
  it("compares numbers by their digits, IBANs and passports without spaces in upper case, addresses in lower case", () => {
    expect(canonicalValue({ type: "phone", value: "+1 (800) 273-8255" })).toBe("18002738255");
    expect(canonicalValue({ type: "iban", value: "de89 3704 0044 0532 0130 00" })).toBe("DE89370400440532013000");
    expect(canonicalValue({ type: "email", value: "Support@Acme.COM" })).toBe("support@acme.com");
    expect(canonicalValue({ type: "github_token", value: "ghp_AbC" })).toBe("ghp_AbC");
  });

  it("matches a span written another way, and nothing else", () => {
    const allowValues = ["1-800-273-8255", "support@acme.com", "DE89 3704 0044 0532 0130 00", "sk-test-Abc123"];
    const allowed = (type: string, value: string) => isAllowedValue({ allowValues, type, value });
    expect(allowed("phone", "+1 (800) 273.8255")).toBe(true);
    expect(allowed("phone", "(800) 273-8255")).toBe(false); // another digit string: list each form that occurs
    expect(allowed("phone", "1-800-273-8256")).toBe(false);
    expect(allowed("email", "SUPPORT@acme.com")).toBe(true);
    expect(allowed("email", "sales@acme.com")).toBe(false);
    expect(allowed("iban", "de89370400440532013000")).toBe(true);
    expect(allowed("openai_key", "sk-test-Abc123")).toBe(true);
    expect(allowed("openai_key", "sk-test-abc123")).toBe(false);
  });

  it("an entry with nothing of a type's form matches no span of that type", () => {
    expect(isAllowedValue({ allowValues: ["support@acme.com"], type: "phone", value: "call us" })).toBe(false);
  });
});
