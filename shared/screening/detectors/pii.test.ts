// Table tests for the pii detector: true positives per type and the hard negatives it must leave alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareScanInput } from "../normalise/prepare-scan-input";
import { createPiiDetector, findPii } from "./pii";
import { contextWith, scan, spansOf } from "./test-helpers";

const pii = createPiiDetector();

describe("pii: true positives", () => {
  it.each([
    ["email", "write to jane.doe+tag@mail.example.co.uk today", "jane.doe+tag@mail.example.co.uk"],
    ["email", "Mail: UtaKortig@jourrapide.com.", "UtaKortig@jourrapide.com"],
    ["phone", "call me on +44 20 7946 0958 tomorrow", "+44 20 7946 0958"],
    ["phone", "office (415) 555-2671", "(415) 555-2671"],
    ["phone", "my cell is 415-555-2671", "415-555-2671"],
    ["phone", "ring +1-984-182-0190x123", "+1-984-182-0190x123"],
    ["phone", "+46 (0)8 928 571 38 is the Stockholm desk", "+46 (0)8 928 571 38"],
    ["phone", "UK mobile 07700 900 123", "07700 900 123"],
    ["phone", "phone: 699 956 915", "699 956 915"],
    ["phone", "0044 20 7946 0958", "0044 20 7946 0958"],
    ["credit_card", "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111"],
    ["credit_card", "amex 3782-822463-10005", "3782-822463-10005"],
    ["credit_card", "paid with 5555555555554444", "5555555555554444"],
    ["ssn", "SSN 536-90-4399", "536-90-4399"],
    ["ssn", "social security number: 536904399", "536904399"],
    ["iban", "IBAN GB82 WEST 1234 5698 7654 32 please", "GB82 WEST 1234 5698 7654 32"],
    ["iban", "to DE89370400440532013000", "DE89370400440532013000"],
    ["ip_address", "server at 192.168.10.254 is down", "192.168.10.254"],
    ["ip_address", "ping 2001:db8:85a3::8a2e:370:7334 now", "2001:db8:85a3::8a2e:370:7334"],
    ["ip_address", "loopback ::1 only", "::1"],
    ["ip_address", "6e40:4041:c617:e898:c11:40d2:c669:2eb4", "6e40:4041:c617:e898:c11:40d2:c669:2eb4"],
    ["passport", "my passport number is X12345678.", "X12345678"],
    ["passport", "Número de pasaporte: AB1234567", "AB1234567"],
  ])("%s in %j", async (type, text, expected) => {
    expect(await spansOf(pii, text)).toEqual([{ type, text: expected }]);
  });

  it("finds several types in one text, in order, with original offsets across invisible characters", async () => {
    const text = "Mail a\u200Bb@example.com or call +1 415 555 2671";
    expect(await spansOf(pii, text)).toEqual([
      { type: "email", text: "a\u200Bb@example.com" },
      { type: "phone", text: "+1 415 555 2671" },
    ]);
  });

  it("leaves a JSON escape's letters out of an email (tool-call arguments), but not the letters after an escaped backslash", async () => {
    const json = JSON.stringify({ note: "line\nbob@example.com", to: "\u0001ann@example.org", cc: "\tcarl@example.net", path: "C:\\nina@example.com" });
    expect(json).toContain("\\nbob@");
    expect(await spansOf(pii, json)).toEqual([
      { type: "email", text: "bob@example.com" },
      { type: "email", text: "ann@example.org" },
      { type: "email", text: "carl@example.net" },
      { type: "email", text: "nina@example.com" },
    ]);
  });

  it("scores checksummed types at least 0.9", async () => {
    const findings = await scan(pii, "card 4111 1111 1111 1111, IBAN DE89370400440532013000");
    expect(findings.every((f) => f.score >= 0.9 && f.score <= 1)).toBe(true);
  });
});

describe("pii: hard negatives", () => {
  it.each([
    ["Luhn-failing 16 digits", "card 4111 1111 1111 1112"],
    ["unknown issuer prefix", "ref 9111111111111111"],
    ["ISBN-13", "ISBN 978-0-306-40615-7 and 9780306406157"],
    ["UUID", "id 123e4567-e89b-12d3-a456-426614174000"],
    ["git SHA", "commit 3f786850e387550fdab836ed7e6dc881de23001b"],
    ["ISO date", "due 2024-03-15, moved to 2024.04.01"],
    ["European date", "born 15/03/1985 and 15.03.1985"],
    ["semantic version", "upgrade to 10.2.3 or 1.2.3.4-beta"],
    ["dotted version with context", "version 10.20.30.40 released"],
    ["long order number", "order number 12345678901234 shipped"],
    ["phone-like order number", "Order #5512-3456-7890 confirmed"],
    ["invalid SSN area 000/666/9xx", "ids 000-12-3456 666-12-3456 912-12-3456"],
    ["SSA advertising SSN", "e.g. 078-05-1120"],
    ["bare 9 digits without context", "ticket 536904399"],
    ["IBAN with a bad checksum", "GB82 WEST 1234 5698 7654 33"],
    ["octet over 255", "10.0.0.256"],
    ["time and MAC address", "at 10:30:00 from 00:1A:2B:3C:4D:5E"],
    ["C++ scope", "use std::vector and Foo::bar"],
    ["passport word without a number", "my passport expired in June"],
    ["number without passport context", "ref X12345678"],
    ["price and quantities", "costs $1,299.99 for 3 units, 1 000 000 total"],
    ["email-ish without TLD", "user@localhost and a@b"],
    ["a@a@a", "a@a@a@a@a"],
  ])("%s", async (_name, text) => {
    expect(await spansOf(pii, text)).toEqual([]);
  });

  it("scores a version-like IP below the default threshold", async () => {
    const findings = await scan(pii, "works on 1.2.3.4");
    expect(findings.every((f) => f.score < 0.5)).toBe(true);
  });
});

describe("pii: adversarial inputs stay fast", () => {
  it.each([
    ["100 KB of digits", "7".repeat(100_000)],
    ["a@a@a… 100 KB", "a@".repeat(50_000)],
    ["digits with dashes", "12-".repeat(33_000)],
    ["dotted numbers", "1.".repeat(50_000)],
    ["colons", "a:".repeat(50_000)],
    ["passport then spaces", `passport${" ".repeat(100_000)}`],
  ])("%s", (_name, text) => {
    const started = performance.now();
    findPii(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("pii: span properties", () => {
  it("spans are within bounds, non-empty, ordered and never split a surrogate pair", async () => {
    const piece = fc.constantFrom(
      "a", " ", "😀", "\u200B", "+44 20 7946 0958", "jo@x.io", "4111111111111111", "1.2.3.4", "536-90-4399", "-", ".",
      "7", "é",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 20 }).map((p) => p.join("")), async (text) => {
        const findings = await pii.scan(prepareScanInput(text), contextWith());
        const spans = findings.flatMap((f) => f.spans ?? []).sort((a, b) => a.start - b.start);
        let lastEnd = 0;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(lastEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          for (const edge of [span.start, span.end]) {
            const code = text.charCodeAt(edge);
            expect(edge < text.length && code >= 0xdc00 && code <= 0xdfff).toBe(false);
          }
          lastEnd = span.end;
        }
      }),
      { numRuns: 200 },
    );
  });
});
