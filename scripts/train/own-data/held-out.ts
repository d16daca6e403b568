// How our families hold out whole templates, lists and phrases (never random rows): the last entries of a list are
// the held-out ones, for *.heldout.jsonl; the rest are trained on.
/** The trained entries of `items`, or (`heldOut`) its last `count` entries. */
export function heldOutSplit<T>(options: { items: readonly T[]; count: number; heldOut: boolean }): T[] {
  const { items, count, heldOut } = options;
  return heldOut ? items.slice(items.length - count) : items.slice(0, items.length - count);
}
