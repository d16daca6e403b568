// Hashing and code-unit classes of the classifier's WebAssembly scan (classifier-scan.ts): the same functions as
// text-features.ts, so the features hash alike.

const FNV_OFFSET: i32 = <i32>0x811c9dc5;
const FNV_PRIME: i32 = 16777619;
const GRAM_SEED: i32 = 0x68e31da4;
const SPACE: i32 = 32;

@inline export function mix(h: i32): i32 {
  h = (h ^ (h >>> 16)) * <i32>0x85ebca6b;
  h = (h ^ (h >>> 13)) * <i32>0xc2b2ae35;
  return h ^ (h >>> 16);
}

@inline export function fnvStep(h: i32, c: i32): i32 {
  return (h ^ c) * FNV_PRIME;
}

@inline export function isSpace(c: i32): bool {
  return c == SPACE || (c >= 9 && c <= 13) || c == 0xa0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

@inline export function isCjk(c: i32): bool {
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

@inline export function isWordUnit(c: i32): bool {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0xc0 && c < 0x2000 && c != 0xd7 && c != 0xf7);
}

/** [A-Za-z0-9]: (c | 32) folds A-Z onto a-z, and the unsigned compares check each range at once. */
@inline export function isAsciiWordUnit(c: i32): bool {
  return <u32>((c | 32) - 97) < 26 || <u32>(c - 48) < 10;
}

@inline export function isSentenceEnd(c: i32): bool {
  return c == 46 || c == 33 || c == 63 || c == 0x3002;
}

/** The char 4-gram r3 r2 r1 c1 ending at `position`: packed while all four are Latin-1, else FNV over the units. */
@inline export function gramHash(position: i32, wideUntil: i32, packed: i32, r3: i32, r2: i32, r1: i32, c1: i32): i32 {
  return position > wideUntil
    ? mix(packed ^ GRAM_SEED)
    : mix(fnvStep(fnvStep(fnvStep(fnvStep(FNV_OFFSET, r3), r2), r1), c1));
}
