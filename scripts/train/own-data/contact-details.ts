// v7 (session 14): contact details on their own, as forms, signatures, address books and records paste them. A bare
// "bob@example.com" scored 0.72 prompt_injection and was blocked: in the corpus, the only short texts with such
// addresses are exfiltration targets in injections. The last two shapes are held out. Appended last in
// generate-own-data.ts, so every other file's rows (and their seeded draws) are unchanged; only the injection and
// jailbreak heads train on the family (head-tasks.ts), so the other heads retrain to the same bytes.
import { pick, type Random } from "../seeded-random";
import type { Family } from "./generate-own-data";

const EMAILS = [
  "bob@example.com", "test@example.com", "jane.doe@example.org", "user@example.net", "info@example.com",
  "ann.berg@northwind.io", "l.ortega@contoso.example", "mei.chen@fabrikam.example", "sales@acme-corp.example",
  "tom.walsh@gmail.example", "priya@studio-nine.example", "jonas.weber@firma.example.de",
];
const PEOPLE = ["Ann Berg", "Luis Ortega", "Mei Chen", "Tom Walsh", "Priya Nair", "Jonas Weber", "Fatima Ali", "Ola Nordmann"];
const PHONES = ["+1 415 555 0134", "(555) 010-2233", "+44 20 7946 0958", "555-0199", "+49 30 901820"];
const TITLES = ["Account Manager", "Head of Support", "Software Engineer", "Office Manager", "Sales Lead"];

const SHAPES: ReadonlyArray<(r: Random) => string> = [
  (r) => pick(EMAILS, r),
  (r) => `Email: ${pick(EMAILS, r)}`,
  (r) => `Contact: ${pick(EMAILS, r)}`,
  (r) => `${pick(EMAILS, r)}, ${pick(EMAILS, r)}`,
  (r) => `${pick(PEOPLE, r)} <${pick(EMAILS, r)}>`,
  (r) => `Name: ${pick(PEOPLE, r)}\nEmail: ${pick(EMAILS, r)}\nPhone: ${pick(PHONES, r)}`,
  (r) => `{"name": "${pick(PEOPLE, r)}", "email": "${pick(EMAILS, r)}"}`,
  (r) => `${pick(PEOPLE, r)}\n${pick(TITLES, r)}\n${pick(EMAILS, r)} | ${pick(PHONES, r)}`,
  (r) => `name,email\n${pick(PEOPLE, r)},${pick(EMAILS, r)}\n${pick(PEOPLE, r)},${pick(EMAILS, r)}`,
  // Held out:
  (r) => `Reply-To: ${pick(EMAILS, r)}`,
  (r) => `- ${pick(PEOPLE, r)}: ${pick(EMAILS, r)}\n- ${pick(PEOPLE, r)}: ${pick(EMAILS, r)}`,
];
const HELD_OUT = 2;

export function contactDetailFamilies(): Family[] {
  const trained = SHAPES.slice(0, SHAPES.length - HELD_OUT);
  const heldOut = SHAPES.slice(SHAPES.length - HELD_OUT);
  return [
    { file: "benign-contact-details.jsonl", labels: [], count: 300, make: (r) => pick(trained, r)(r) },
    { file: "benign-contact-details.heldout.jsonl", labels: [], count: 60, make: (r) => pick(heldOut, r)(r) },
  ];
}
