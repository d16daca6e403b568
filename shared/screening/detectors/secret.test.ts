// Table tests for the secret detector: each credential format, documentation examples and placeholders that must
// not fire, and adversarial inputs. Fake keys are assembled from pieces so repository secret scanners stay quiet.
import { describe, expect, it } from "vitest";
import { createSecretDetector, findSecrets } from "./secret";
import { isPlaceholder, shannonEntropy } from "./secret-placeholders";
import { spansOf } from "./test-helpers";

const secret = createSecretDetector();
const R36 = "Zk4Qm9Tx2Lp7Vb3Nc8Rw1Hy6Jd5Fg0Ks4Ue9";
const R40 = "Qm9Tx2Lp7V/b3Nc8Rw1Hy6Jd5Fg0Ks4Ue9aZk4Pq";
const R40_NO_DIGIT = "QmzTxkLp/VbwNcaRwqHyhJdbFgKsoUeZaZ+PqvWs";
const AWS_ID = "AK" + "IA" + "QW3ERT6YU8IOP2AS";
const GITHUB = "gh" + "p_" + R36;
const GITHUB_PAT = "github" + "_pat_" + "11ABCDE2Y0" + R36 + "_" + R36;
const SLACK = "xo" + "xb-" + "2718281828-3141592653-" + "Zk4Qm9Tx2Lp7Vb3Nc8Rw1Hy";
const STRIPE_LIVE = "sk" + "_live_" + "51Hq" + R36;
const STRIPE_TEST = "sk" + "_test_" + "51Hq" + R36;
const OPENAI = "sk" + "-proj-" + R36 + "T3BlbkFJ" + R36;
// A random key that drew no digit (about 1 in 1,400 of the fake provider's keys: the test flake that found this).
const OPENAI_NO_DIGIT = "sk" + "-proj-" + "cLkJDGvJPrjXojLVaiTPJzeu" + "VbHCwTsMxfRXFZvNMfBBZDUZ";
const ANTHROPIC = "sk" + "-ant-api03-" + R36 + R36 + "-AA";
const GOOGLE = "AI" + "za" + "SyD4Qm9Tx2Lp7Vb3Nc8Rw1Hy6Jd5Fg0Ks4U";
const b64url = (value: string): string => btoa(value).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const JWT = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"42","exp":1900000000}')}.Zk4Qm9Tx2Lp7Vb3Nc8Rw1Hy6Jd5Fg0Ks4Ue9aZk4P`;
const PEM_BODY = Array.from({ length: 4 }, () => `${R36}${R36.slice(0, 28)}`).join("\n");
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`;

describe("secret: true positives", () => {
  it.each([
    ["aws_access_key", `key id ${AWS_ID} here`, AWS_ID],
    ["aws_secret_key", `aws_secret_access_key = ${R40}`, R40],
    ["aws_secret_key", `aws_secret_access_key = ${R40_NO_DIGIT}`, R40_NO_DIGIT],
    ["github_token", `export GH=${GITHUB}`, GITHUB],
    ["github_token", `token ${GITHUB_PAT}`, GITHUB_PAT],
    ["slack_token", `SLACK=${SLACK}`, SLACK],
    ["stripe_key", `stripe ${STRIPE_LIVE}`, STRIPE_LIVE],
    ["stripe_key", `stripe ${STRIPE_TEST}`, STRIPE_TEST],
    ["openai_key", `OPENAI ${OPENAI}`, OPENAI],
    ["openai_key", `Sure, here it is: ${OPENAI_NO_DIGIT} and nothing else.`, OPENAI_NO_DIGIT],
    ["anthropic_key", `use ${ANTHROPIC} please`, ANTHROPIC],
    ["google_api_key", `maps ${GOOGLE}`, GOOGLE],
    ["jwt", `Authorization header was ${JWT} yesterday`, JWT],
    ["private_key", `here:\n${PEM}\nthanks`, PEM],
    ["password_in_url", "DATABASE_URL=postgres://app:S3cr3t-Pa55w0rd@db.internal:5432/app", "S3cr3t-Pa55w0rd"],
    ["generic_api_key", 'api_key = "q8Zt4Lm2Vx9Rb7Nc3Wd6"', "q8Zt4Lm2Vx9Rb7Nc3Wd6"],
    ["generic_api_key", '{"client_secret": "f3a9c1d7e5b2a8c4d6e0f1b3"}', "f3a9c1d7e5b2a8c4d6e0f1b3"],
    ["generic_api_key", "DB_PASSWORD=Tr0ub4dor&3x", "Tr0ub4dor&3x"],
    ["generic_api_key", "const myApiKey = 'Zk4Qm9Tx2Lp7Vb3N';", "Zk4Qm9Tx2Lp7Vb3N"],
    ["generic_api_key", "Authorization: Bearer Zk4Qm9Tx2Lp7Vb3Nc8Rw1Hy6", "Zk4Qm9Tx2Lp7Vb3Nc8Rw1Hy6"],
  ])("%s in %j", async (type, text, expected) => {
    expect(await spansOf(secret, text)).toEqual([{ type, text: expected }]);
  });

  it("reports a private key whose END line was cut off", async () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}`;
    expect(await spansOf(secret, text)).toEqual([{ type: "private_key", text }]);
  });

  it("scores a test-mode Stripe key lower than a live one", () => {
    const [live] = findSecrets(STRIPE_LIVE);
    const [test] = findSecrets(STRIPE_TEST);
    expect(test.score).toBeLessThan(live.score);
  });
});

describe("secret: documentation examples and hard negatives", () => {
  it.each([
    ["AWS doc access key", "AKIAIOSFODNN7EXAMPLE"],
    ["AWS doc secret key", "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    [
      "jwt.io sample",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ],
    ["elided OpenAI key", "OPENAI_API_KEY=sk-...xxxx"],
    ["x-filled OpenAI key", "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    ["placeholder assignment", 'api_key = "your_api_key_here"'],
    ["angle placeholder", "token: <YOUR_KEY>"],
    ["env reference", "password = process.env.DB_PASSWORD"],
    ["template reference", "password: ${DB_PASSWORD}"],
    ["changeme", "password=changeme"],
    ["password123", "password: password123"],
    ["repeated characters", "secret = aaaaaaaaaaaaaaaaaaaa"],
    ["repeated GitHub token", `gh${"p_"}${"0".repeat(36)}`],
    ["Stripe docs test key", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"],
    ["prose about tokens", "The tokenizer: splits text into tokens, and the password field must not be empty."],
    ["git SHA", "commit 3f786850e387550fdab836ed7e6dc881de23001b"],
    ["UUID", "trace_id: 123e4567-e89b-12d3-a456-426614174000"],
    ["PEM header with elided body", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"],
    ["URL with user but no password", "https://user@example.com/path"],
    ["URL with placeholder password", "postgres://user:password@localhost/db and redis://:<password>@host"],
    ["40 base64 chars without AWS context", `checksum ${R40}`],
    ["sk- prefixed identifier", "the sk-learn-classification-pipeline module"],
    ["sk- prefixed camelCase identifier", "sk-AbstractSingletonProxyFactoryBeanConfigurationHelper"],
    ["JWT-shaped text without alg", `${b64url('{"foo":"bar","baz":1}')}.${b64url('{"a":1}')}.abc`],
  ])("%s", async (_name, text) => {
    expect(await spansOf(secret, text)).toEqual([]);
  });
});

describe("secret: helpers", () => {
  it("entropy is 0 for one repeated symbol and log2(n) for n distinct symbols", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBeCloseTo(2);
  });
  it("flags placeholders but not random values", () => {
    expect(isPlaceholder("<YOUR_KEY>")).toBe(true);
    expect(isPlaceholder(R36)).toBe(false);
  });
});

describe("secret: adversarial inputs stay fast", () => {
  it.each([
    ["long base64", "QUJD".repeat(25_000)],
    ["dotted identifiers", "a.".repeat(50_000)],
    ["many BEGIN lines without END", "-----BEGIN PRIVATE KEY-----\n".repeat(3_000)],
    ["key names without values", "api_key_token_secret_".repeat(5_000)],
    ["colons and at signs", "s://a:b:c:d@".repeat(8_000)],
    ["eyJ runs", "eyJhbGciOi.".repeat(9_000)],
  ])("%s", (_name, text) => {
    const started = performance.now();
    findSecrets(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
