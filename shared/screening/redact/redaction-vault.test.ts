import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createRedactionVault,
  PLACEHOLDER_PATTERN,
  placeholderPrefixLength,
  placeholderType,
} from "./redaction-vault";

describe("createRedactionVault", () => {
  it("issues typed placeholders numbered per type, stable for a repeated value", () => {
    const vault = createRedactionVault();
    expect(vault.placeholderFor({ type: "email", value: "a@x.io" })).toBe("[EMAIL_1]");
    expect(vault.placeholderFor({ type: "credit_card", value: "4111" })).toBe("[CREDIT_CARD_1]");
    expect(vault.placeholderFor({ type: "credit_card", value: "5500" })).toBe("[CREDIT_CARD_2]");
    expect(vault.placeholderFor({ type: "email", value: "a@x.io" })).toBe("[EMAIL_1]");
    expect(vault.placeholderFor({ type: "openai_key", value: "sk-1" })).toBe("[OPENAI_KEY_1]");
    expect(vault.size).toBe(4);
  });

  it("restores issued placeholders and leaves unknown ones alone", () => {
    const vault = createRedactionVault();
    const email = vault.placeholderFor({ type: "email", value: "bob@example.com" });
    expect(vault.restore(`Mail ${email} or [EMAIL_9] or ${email}.`)).toBe(
      "Mail bob@example.com or [EMAIL_9] or bob@example.com.",
    );
  });

  it("skips placeholders the caller already wrote, so restore never rewrites them", () => {
    const vault = createRedactionVault();
    vault.reserve("literal [EMAIL_1] here");
    const issued = vault.placeholderFor({ type: "email", value: "c@d.ee" });
    expect(issued).toBe("[EMAIL_2]");
    expect(vault.restore("[EMAIL_1] [EMAIL_2]")).toBe("[EMAIL_1] c@d.ee");
  });

  it("keeps restored values verbatim even when they look like replacement patterns", () => {
    const vault = createRedactionVault();
    const p = vault.placeholderFor({ type: "password_in_url", value: "https://u:$&$1@h" });
    expect(vault.restore(`go ${p}`)).toBe("go https://u:$&$1@h");
  });

  it("always produces placeholder types the pattern accepts", () => {
    for (const type of ["email", "weird-type.x", "9lives", "", "ünïcode"]) {
      const placeholder = `[${placeholderType(type)}_1]`;
      expect(placeholder).toMatch(new RegExp(`^${PLACEHOLDER_PATTERN.source}$`));
    }
  });
});

describe("placeholderPrefixLength", () => {
  it("counts a trailing partial placeholder", () => {
    expect(placeholderPrefixLength("hello [")).toBe(1);
    expect(placeholderPrefixLength("hello [EMA")).toBe(4);
    expect(placeholderPrefixLength("hello [EMAIL_")).toBe(7);
    expect(placeholderPrefixLength("hello [EMAIL_12")).toBe(9);
  });

  it("is zero when the tail cannot become a placeholder", () => {
    expect(placeholderPrefixLength("hello")).toBe(0);
    expect(placeholderPrefixLength("done [EMAIL_1]")).toBe(0);
    expect(placeholderPrefixLength("array[i")).toBe(0);
    expect(placeholderPrefixLength("see [EMAIL_1] and [x")).toBe(0);
    expect(placeholderPrefixLength(`[${"A".repeat(80)}`)).toBe(0);
  });

  it("holds back every proper prefix of every placeholder the vault can issue", () => {
    const placeholder = fc
      .record({ type: fc.constantFrom("email", "credit_card", "openai_key", "x"), n: fc.integer({ min: 1, max: 120 }) })
      .map(({ type, n }) => {
        const vault = createRedactionVault();
        let issued = "";
        for (let i = 0; i < n; i++) issued = vault.placeholderFor({ type, value: String(i) });
        return issued;
      });
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), placeholder, fc.nat(), (before, full, cut) => {
        const k = 1 + (cut % (full.length - 1));
        expect(placeholderPrefixLength(before + full.slice(0, k))).toBe(k);
      }),
      { numRuns: 200 },
    );
  });
});
