// A pii or secret rule's `allowValues`: values its category never acts on, such as a company's own support address or
// a crisis line the model must be free to give. Compared in a canonical form per span type, so the way a value is
// written does not matter: digits only for phone, card and SSN numbers, spaceless upper case for IBANs and passports,
// lower case for e-mail and IP addresses, exact for keys and tokens.
const DIGITS_ONLY = new Set(["phone", "credit_card", "ssn"]);
const COMPACT_UPPER = new Set(["iban", "passport"]);
const LOWER_CASE = new Set(["email", "ip_address"]);

export function canonicalValue(options: { type: string; value: string }): string {
  const { type, value } = options;
  if (DIGITS_ONLY.has(type)) return value.replace(/\D+/g, "");
  if (COMPACT_UPPER.has(type)) return value.replace(/\s+/g, "").toUpperCase();
  if (LOWER_CASE.has(type)) return value.toLowerCase();
  return value;
}

// Per allowValues list (one array per parsed policy), per span type: the canonical forms of its values.
const canonicalSets = new WeakMap<readonly string[], Map<string, Set<string>>>();

/** Whether `value`, the text of a span of `type`, is one of `allowValues`. */
export function isAllowedValue(options: { allowValues: readonly string[]; type: string; value: string }): boolean {
  const { allowValues, type } = options;
  let byType = canonicalSets.get(allowValues);
  if (!byType) canonicalSets.set(allowValues, (byType = new Map()));
  let canonical = byType.get(type);
  if (!canonical) {
    // A value with nothing of the type's form (an e-mail address read as a phone number) matches nothing.
    canonical = new Set(allowValues.map((value) => canonicalValue({ type, value })).filter((form) => form.length > 0));
    byType.set(type, canonical);
  }
  return canonical.has(canonicalValue({ type, value: options.value }));
}
