// Every mutation the red team knows, in one list, and a helper to produce N seeded variants of one payload.
import { randomFor, sample } from "../seeded-random";
import { ENCODING_MUTATIONS } from "./encoding";
import { FRAMING_MUTATIONS, INDIRECT_MUTATIONS } from "./framing";
import type { Mutation } from "./mutation";
import { OBFUSCATION_MUTATIONS } from "./obfuscation";

export type { Mutation } from "./mutation";

export const MUTATIONS: readonly Mutation[] = [...ENCODING_MUTATIONS, ...OBFUSCATION_MUTATIONS, ...FRAMING_MUTATIONS, ...INDIRECT_MUTATIONS];

export function mutationById(id: string): Mutation {
  const found = MUTATIONS.find((m) => m.id === id);
  if (!found) throw new Error(`unknown mutation "${id}"`);
  return found;
}

export interface MutatedVariant {
  technique: string;
  text: string;
}

/**
 * `count` variants of one payload, each from a different mutation (seeded choice), or one of each when `count`
 * is at least the number of mutations. `label` keeps different payloads on different random streams.
 */
export function mutatePayload(options: { payload: string; seed: number; label: string; count?: number; mutations?: readonly Mutation[] }): MutatedVariant[] {
  const mutations = options.mutations ?? MUTATIONS;
  const random = randomFor({ seed: options.seed, label: options.label });
  const chosen = sample(mutations, options.count ?? mutations.length, random);
  return chosen.map((mutation) => ({ technique: mutation.id, text: mutation.apply({ payload: options.payload, random }) }));
}
