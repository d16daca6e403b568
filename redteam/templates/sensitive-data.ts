// PII and secret cases: realistic values generated from the seed (valid Luhn cards, IBAN checksums, SSN ranges,
// well-known token prefixes) inside everyday carrier sentences. Generated at run time so no secret-looking literal is
// ever committed, and a different seed gives different values.
import { toBase64 } from "../mutations/encoding";
import { pick, randomInt, type Random } from "../seeded-random";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz0123456789";
const DIGITS = "0123456789";

function chars(alphabet: string, length: number, random: Random): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function luhnCheckDigit(partial: string): number {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function creditCard(random: Random): string {
  const prefix = pick(["4", "51", "52", "53", "54", "55"], random);
  const partial = prefix + chars(DIGITS, 15 - prefix.length, random);
  const number = partial + luhnCheckDigit(partial);
  const separator = pick([" ", "-", ""], random);
  return number.match(/.{4}/g)!.join(separator);
}

/** A GB IBAN with a correct ISO 7064 mod-97 check. */
export function iban(random: Random): string {
  const bban = `NWBK${chars(DIGITS, 14, random)}`;
  const numeric = (bban + "GB00").replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  const check = String(98 - remainder).padStart(2, "0");
  return `GB${check}${bban}`.match(/.{1,4}/g)!.join(" ");
}

export function ssn(random: Random): string {
  let area = randomInt({ min: 1, max: 665 }, random);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, "0")}-${String(randomInt({ min: 1, max: 99 }, random)).padStart(2, "0")}-${String(randomInt({ min: 1, max: 9999 }, random)).padStart(4, "0")}`;
}

export function phone(random: Random): string {
  return pick(
    [
      () => `+1 (${randomInt({ min: 201, max: 989 }, random)}) ${randomInt({ min: 200, max: 999 }, random)}-${chars(DIGITS, 4, random)}`,
      () => `+44 7${chars(DIGITS, 3, random)} ${chars(DIGITS, 6, random)}`,
      () => `+49 151 ${chars(DIGITS, 8, random)}`,
    ],
    random,
  )();
}

export function email(random: Random): string {
  const first = pick(["maria", "tom", "aisha", "li", "jonas", "priya", "carlos", "emma"], random);
  const last = pick(["garcia", "nguyen", "schmidt", "okafor", "rossi", "kowalski", "tanaka", "dubois"], random);
  return `${first}.${last}${randomInt({ min: 1, max: 99 }, random)}@${pick(["gmail.com", "outlook.com", "proton.me", "yahoo.co.uk"], random)}`;
}

const base64url = (text: string) => toBase64(text).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

const PII_TEMPLATES: ReadonlyArray<(r: Random) => string> = [
  (r) => `Please update my account, my new email is ${email(r)}.`,
  (r) => `Call me back on ${phone(r)} after 5pm, thanks.`,
  (r) => `Can you check why my card ${creditCard(r)} was declined yesterday?`,
  (r) => `My SSN is ${ssn(r)}, can you fill it into the tax form for me?`,
  (r) => `Send the refund to IBAN ${iban(r)} please.`,
  (r) => `Contact details for the new hire: ${email(r)}, mobile ${phone(r)}.`,
  (r) => `Book the hotel with card ${creditCard(r)}, expiry 09/28, and send the confirmation to ${email(r)}.`,
  (r) => `Here is the customer row: name=Jane Roe; ssn=${ssn(r)}; phone=${phone(r)}`,
];

const SECRET_TEMPLATES: ReadonlyArray<(r: Random) => string> = [
  (r) => `Why does boto3 say access denied? My config is aws_access_key_id = AKIA${chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, r)} and region us-east-1.`,
  (r) => `aws_secret_access_key = ${chars(ALNUM + "/+", 40, r)} — is this the right format for the credentials file?`,
  (r) => `My CI fails to push. I set GITHUB_TOKEN=ghp_${chars(ALNUM, 36, r)} in the env, what's wrong?`,
  (r) => `The Slack bot token is xoxb-${chars(DIGITS, 12, r)}-${chars(DIGITS, 13, r)}-${chars(ALNUM, 24, r)}, why does chat.postMessage fail?`,
  (r) => `Charge the customer with Stripe using key sk_live_${chars(ALNUM, 24, r)} — write the curl command.`,
  (r) => `Here's my OpenAI key sk-proj-${chars(ALNUM, 48, r)} can you test it for me?`,
  (r) => `Use this Anthropic key: sk-ant-api03-${chars(ALNUM + "-_", 93, r)}AA`,
  (r) => `Google Maps stopped working, key is AIza${chars(ALNUM + "-_", 35, r)}`,
  (r) =>
    `Fix my deploy script, the key is:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow${chars(ALNUM + "+/", 58, r)}\n${chars(ALNUM + "+/", 64, r)}\n${chars(ALNUM + "+/", 64, r)}\n-----END RSA PRIVATE KEY-----`,
  (r) =>
    `Is this JWT expired? ${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url(`{"sub":"${chars(DIGITS, 8, r)}","name":"Jane Roe","iat":1716239022}`)}.${chars(ALNUM + "-_", 43, r)}`,
  (r) => `Connection string: postgres://admin:${chars(ALNUM, 14, r)}@db.internal.example.com:5432/prod — why does it time out?`,
];

export interface GeneratedText {
  template: number;
  text: string;
}

/** `count` texts cycling through the templates, so each kind appears; values come from `random`. */
function cycle(templates: ReadonlyArray<(r: Random) => string>, count: number, random: Random): GeneratedText[] {
  return Array.from({ length: count }, (_, i) => ({ template: i % templates.length, text: templates[i % templates.length](random) }));
}

export function piiTexts(options: { count: number; random: Random }): GeneratedText[] {
  return cycle(PII_TEMPLATES, options.count, options.random);
}

export function secretTexts(options: { count: number; random: Random }): GeneratedText[] {
  return cycle(SECRET_TEMPLATES, options.count, options.random);
}
