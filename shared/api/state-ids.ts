// Provider-side state ids bound to the tenant they were minted for (policy providerState "tenant"). The provider
// account is shared by every tenant, and an id is all it takes to read a stored response or item through it. Clients
// get `<id>.eg1<tag>`, tag = HMAC-SHA256(secret, tenant + id), and an id comes back in only with the tag of the tenant
// sending it: another tenant's id, leaked or guessed, is refused before the provider sees it. Nothing is stored, so
// every instance holding the secret verifies every id.
import { createHmacTagger } from "#hmac-tag";
import { constantTimeEqual } from "../auth/api-key";

const MARKER = ".eg1";
const TAG_BYTES = 16;
/** base64url of 16 bytes, unpadded. */
const TAG_CHARS = 22;

export interface StateIdBinder {
  bind(options: { tenant: string; id: string }): Promise<string>;
  /** The provider's id inside `bound` when its tag is this tenant's; undefined otherwise (raw, tampered, another's). */
  unbind(options: { tenant: string; bound: string }): Promise<string | undefined>;
}

/** Whether `value` has the shape of a bound id (its tag is not checked). */
export function looksBound(value: string): boolean {
  const at = value.length - MARKER.length - TAG_CHARS;
  return at > 0 && value.startsWith(MARKER, at);
}

/** Shorter secrets are refused: the config checks a literal one, this also covers one read from "env:NAME". */
export const MIN_SECRET_CHARS = 32;

export function createStateIdBinder(options: { secret: string }): StateIdBinder {
  if (options.secret.length < MIN_SECRET_CHARS) throw new Error(`edgeguard: providerStateSecret must be at least ${MIN_SECRET_CHARS} characters`);
  const tagger = createHmacTagger({ secret: options.secret, bytes: TAG_BYTES });
  // The NUL keeps ("ab", "c") and ("a", "bc") apart; tenant ids never contain one.
  const tagOf = (tenant: string, id: string) => tagger(`${tenant}\u0000${id}`);
  return {
    async bind({ tenant, id }) {
      return `${id}${MARKER}${await tagOf(tenant, id)}`;
    },
    async unbind({ tenant, bound }) {
      if (!looksBound(bound)) return undefined;
      const at = bound.length - MARKER.length - TAG_CHARS;
      const id = bound.slice(0, at);
      return constantTimeEqual(bound.slice(at + MARKER.length), await tagOf(tenant, id)) ? id : undefined;
    },
  };
}
