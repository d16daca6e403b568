// Tests for isSafeRegex: the classic catastrophic patterns are rejected with a reason; ordinary ones pass.
import { describe, expect, it } from "vitest";
import { isSafeRegex } from "./safe-regex";

describe("isSafeRegex", () => {
  it.each([
    ["(a+)+", "nested quantifier"],
    ["(a*)*b", "nested quantifier"],
    ["(\\w+\\s?)*$", "nested quantifier"],
    ["((ab)+c)+", "nested quantifier"],
    ["(a|a)*", "ambiguous alternation under a quantifier"],
    ["(a|ab)+c", "ambiguous alternation under a quantifier"],
    ["(\\d|\\w)+", "ambiguous alternation under a quantifier"],
    ["(a)\\1", "backreference"],
    ["(?<x>a)\\k<x>", "backreference"],
    ["a*b*c*d*e*f*g*", "too many unbounded quantifiers"],
    ["(unclosed", "does not compile"],
    ["x".repeat(201), "longer than 200 characters"],
  ])("rejects %s", (pattern, reason) => {
    const result = isSafeRegex(pattern);
    expect(result.safe).toBe(false);
    expect(result.reason).toContain(reason);
  });

  it.each([
    "credit\\s+card\\s+fraud",
    "\\b(?:buy|sell)\\s+(?:guns|weapons)\\b",
    "(foo|bar)+",
    "(?:cat|dog)s?",
    "[a-z]+@[a-z]+\\.com",
    "bomb(?:s|ing)?",
    "\\(\\d{3}\\)",
    "a{2,5}b",
  ])("accepts %s", (pattern) => {
    expect(isSafeRegex(pattern)).toEqual({ safe: true });
  });
});
