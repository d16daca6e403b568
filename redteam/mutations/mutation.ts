// The mutation contract: a named transform an attacker applies to a payload to slip it past a filter.
import type { Random } from "../seeded-random";

export interface MutationInput {
  payload: string;
  /** Seeded: choices a mutation makes (carrier sentence, which letters to swap) come from here only. */
  random: Random;
}

export interface Mutation {
  /** Becomes the case's `technique`. */
  readonly id: string;
  readonly family: "encoding" | "obfuscation" | "splitting" | "framing" | "indirect";
  apply(input: MutationInput): string;
}
