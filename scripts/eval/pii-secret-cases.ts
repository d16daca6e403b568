// Labelled PII/secret cases for `npm run eval`: a deterministic synthetic generator (fixed seed, no Math.random) of
// positives for every pii/secret span type plus hard negatives, and the presidio-research spans mapped onto our
// span types. Synthetic keys are random strings in the right format; none is a real credential.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface LabelledSpan {
  start: number;
  end: number;
  type: string;
}
export interface LabelledCase {
  text: string;
  spans: LabelledSpan[];
  source: "synthetic" | "presidio";
}

type Random = () => number;

function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz${DIGITS}`;

function gen(random: Random) {
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chars = (alphabet: string, n: number): string => Array.from({ length: n }, () => pick([...alphabet])).join("");
  return { int, pick, chars };
}
type Gen = ReturnType<typeof gen>;

function luhnComplete(prefix: string, length: number, g: Gen): string {
  let body = prefix + g.chars(DIGITS, length - prefix.length - 1);
  for (let check = 0; check <= 9; check++) {
    const candidate = body + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  return body;
}

function ibanFor(country: string, bban: string): string {
  const numeric = (bban + country + "00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
  return `${country}${String(98 - remainder).padStart(2, "0")}${bban}`;
}

const b64url = (s: string): string => btoa(s).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** One value generator per span type; each returns the exact text that must be found. */
const VALUES: Record<string, (g: Gen) => string> = {
  email: (g) => `${g.pick(["jane", "li.wei", "o.brien", "m_rossi", "k.tanaka"])}${g.int(1, 99)}@${g.pick(["mail.com", "example.org", "uni.edu.au", "corp.co.uk"])}`,
  phone: (g) =>
    g.pick([
      () => `+44 20 ${g.chars(DIGITS, 4)} ${g.chars(DIGITS, 4)}`,
      () => `+1 (${g.int(201, 989)}) ${g.int(201, 989)}-${g.chars(DIGITS, 4)}`,
      () => `(${g.int(201, 989)}) ${g.int(201, 989)}-${g.chars(DIGITS, 4)}`,
      () => `${g.int(201, 989)}-${g.int(201, 989)}-${g.chars(DIGITS, 4)}`,
      () => `+49 30 ${g.chars(DIGITS, 8)}`,
      () => `+33 6 ${g.chars(DIGITS, 2)} ${g.chars(DIGITS, 2)} ${g.chars(DIGITS, 2)} ${g.chars(DIGITS, 2)}`,
      () => `07700 900${g.chars(DIGITS, 3)}`,
    ])(),
  credit_card: (g) => {
    const [prefix, length] = g.pick([["4", 16], ["51", 16], ["55", 16], ["37", 15], ["6011", 16], ["2221", 16]] as const);
    const digits = luhnComplete(prefix, length, g);
    if (length === 15) return g.pick([digits, `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`]);
    const sep = g.pick(["", " ", "-"]);
    return sep ? digits.match(/.{4}/g)!.join(sep) : digits;
  },
  ssn: (g) => `${String(g.pick([g.int(1, 665), g.int(667, 899)])).padStart(3, "0")}-${String(g.int(1, 99)).padStart(2, "0")}-${String(g.int(1, 9999)).padStart(4, "0")}`,
  iban: (g) => {
    const iban = g.pick([() => ibanFor("DE", g.chars(DIGITS, 18)), () => ibanFor("GB", g.chars(UPPER, 4) + g.chars(DIGITS, 14)), () => ibanFor("FR", g.chars(DIGITS, 23))])();
    return g.pick([iban, iban.match(/.{1,4}/g)!.join(" ")]);
  },
  ip_address: (g) =>
    g.pick([
      () => `${g.int(11, 223)}.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(1, 254)}`,
      () => Array.from({ length: 8 }, () => g.int(1, 65535).toString(16)).join(":"),
      () => `2001:db8:${g.int(1, 65535).toString(16)}::${g.int(1, 65535).toString(16)}`,
    ])(),
  passport: (g) => `${g.pick(["", "X", "AB"])}${g.chars(DIGITS, 7)}`,
  aws_access_key: (g) => `AKIA${g.chars(UPPER + DIGITS, 16)}`,
  aws_secret_key: (g) => g.chars(`${ALNUM}/+`, 40),
  github_token: (g) => g.pick([() => `ghp_${g.chars(ALNUM, 36)}`, () => `github_pat_${g.chars(ALNUM, 22)}_${g.chars(ALNUM, 59)}`])(),
  slack_token: (g) => `xoxb-${g.chars(DIGITS, 11)}-${g.chars(DIGITS, 12)}-${g.chars(ALNUM, 24)}`,
  stripe_key: (g) => `${g.pick(["sk_live_", "rk_live_", "sk_test_"])}${g.chars(ALNUM, 24)}`,
  openai_key: (g) => g.pick([() => `sk-proj-${g.chars(ALNUM, 64)}`, () => `sk-${g.chars(ALNUM, 20)}T3BlbkFJ${g.chars(ALNUM, 20)}`])(),
  anthropic_key: (g) => `sk-ant-api03-${g.chars(`${ALNUM}-_`, 93)}AA`,
  google_api_key: (g) => `AIza${g.chars(`${ALNUM}-_`, 35)}`,
  private_key: (g) => {
    const lines = Array.from({ length: 6 }, () => g.chars(`${ALNUM}+/`, 64)).join("\n");
    return `-----BEGIN ${g.pick(["RSA ", "EC ", "OPENSSH ", ""])}PRIVATE KEY-----\n${lines}\n-----END PRIVATE KEY-----`;
  },
  jwt: (g) => `${b64url('{"alg":"RS256","typ":"JWT"}')}.${b64url(`{"sub":"${g.int(1, 1e6)}","iat":${g.int(1.6e9, 1.8e9)}}`)}.${g.chars(`${ALNUM}-_`, 43)}`,
  password_in_url: (g) => g.chars(ALNUM, g.int(10, 18)),
  generic_api_key: (g) => g.chars(ALNUM, g.int(20, 40)),
};

/** Sentences around each value: `{}` is where the value goes. */
const TEMPLATES: Record<string, readonly string[]> = {
  email: ["Please email {} with the invoice.", "Contact: {}", "cc {} on the thread"],
  phone: ["Call me on {} after 5pm.", "My number is {}.", "Phone: {}"],
  credit_card: ["Charge it to {} please.", "card number {} exp 09/28", "My visa is {}"],
  ssn: ["SSN: {}", "my social security number is {}", "Employee {} onboarding"],
  iban: ["Wire it to {} today.", "IBAN: {}", "Account {} (business)"],
  ip_address: ["The server at {} is down.", "Blocked {} after too many logins", "ssh root@{}"],
  passport: ["Passport number: {}", "my passport no. {} expires soon", "pasaporte {}"],
  aws_access_key: ["AWS_ACCESS_KEY_ID={}", "key id {} leaked"],
  aws_secret_key: ["aws_secret_access_key = {}", "AWS secret: {}"],
  github_token: ["export GITHUB_TOKEN={}", "use {} to push"],
  slack_token: ["SLACK_BOT_TOKEN={}", "bot token {}"],
  stripe_key: ["STRIPE_KEY={}", "stripe.api_key = '{}'"],
  openai_key: ["OPENAI_API_KEY={}", "client = OpenAI(api_key=\"{}\")"],
  anthropic_key: ["ANTHROPIC_API_KEY={}", "x-api-key: {}"],
  google_api_key: ["https://maps.googleapis.com/maps/api/js?key={}", "GOOGLE_API_KEY={}"],
  private_key: ["here is my key:\n{}\nthanks", "{}"],
  jwt: ["Authorization: Bearer {}", "token={}"],
  password_in_url: ["DATABASE_URL=postgres://admin:{}@db.internal:5432/app", "redis://default:{}@cache:6379"],
  generic_api_key: ['api_key = "{}"', "client_secret: {}", 'const apiToken = "{}";'],
};

const HARD_NEGATIVES: readonly string[] = [
  "card 4111 1111 1111 1112 was declined", "ISBN 978-0-306-40615-7", "id 123e4567-e89b-12d3-a456-426614174000",
  "commit 3f786850e387550fdab836ed7e6dc881de23001b", "due 2024-03-15", "born 15/03/1985", "upgrade to 10.2.3",
  "version 1.2.3.4 released", "order number 12345678901234 shipped", "Order #5512-3456-7890 confirmed",
  "ids 000-12-3456 and 666-12-3456", "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "OPENAI_API_KEY=sk-...xxxx", 'api_key = "your_api_key_here"', "token: <YOUR_KEY>", "password=changeme",
  "password: password123", "postgres://user:password@localhost/db", "The tokenizer: splits text into tokens.",
  "at 10:30:00 from 00:1A:2B:3C:4D:5E", "use std::vector", "my passport expired in June", "costs $1,299.99",
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  "password = process.env.DB_PASSWORD", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "tracking 1Z999AA10123456784",
];

export interface SyntheticOptions {
  seed?: number;
  /** Positive cases per span type. */
  perType?: number;
}

/** Deterministic synthetic cases: `perType` positives for every span type, then the hard negatives (no spans). */
export function generatePiiSecretCases(options: SyntheticOptions = {}): LabelledCase[] {
  const { seed = 20240517, perType = 40 } = options;
  const g = gen(mulberry32(seed));
  const cases: LabelledCase[] = [];
  for (const [type, make] of Object.entries(VALUES)) {
    for (let i = 0; i < perType; i++) {
      const value = make(g);
      const [before, after] = g.pick(TEMPLATES[type]).split("{}");
      cases.push({ text: before + value + after, spans: [{ start: before.length, end: before.length + value.length, type }], source: "synthetic" });
    }
  }
  for (const text of HARD_NEGATIVES) cases.push({ text, spans: [], source: "synthetic" });
  return cases;
}

const PRESIDIO_TYPES: Record<string, string> = {
  EMAIL_ADDRESS: "email",
  PHONE_NUMBER: "phone",
  CREDIT_CARD: "credit_card",
  US_SSN: "ssn",
  IBAN_CODE: "iban",
  IP_ADDRESS: "ip_address",
};

const PRESIDIO_DIR = fileURLToPath(new URL("../../../shared/datasets/raw/microsoft__presidio-research/", import.meta.url));
const PRESIDIO_FILES = ["data/synth_dataset_v2.json", "tests/data/generated_large.json", "tests/data/generated_small.json"];

interface PresidioRecord {
  full_text: string;
  spans: Array<{ entity_type: string; start_position: number; end_position: number }>;
}

/** presidio-research records with their spans mapped onto our types; records whose spans are all unmapped have none. */
export function loadPresidioCases(options: { dir?: string; files?: readonly string[] } = {}): LabelledCase[] {
  const { dir = PRESIDIO_DIR, files = PRESIDIO_FILES } = options;
  const cases: LabelledCase[] = [];
  for (const file of files) {
    const records = JSON.parse(readFileSync(`${dir.replace(/\/?$/, "/")}${file}`, "utf8")) as PresidioRecord[];
    for (const record of records) {
      const spans = record.spans
        .filter((s) => PRESIDIO_TYPES[s.entity_type])
        .map((s) => ({ start: s.start_position, end: s.end_position, type: PRESIDIO_TYPES[s.entity_type] }));
      cases.push({ text: record.full_text, spans, source: "presidio" });
    }
  }
  return cases;
}

/** Everything `npm run eval` scores pii/secret detection on. */
export function piiSecretCases(options: SyntheticOptions & { presidio?: boolean } = {}): LabelledCase[] {
  return [...generatePiiSecretCases(options), ...(options.presidio === false ? [] : loadPresidioCases())];
}
