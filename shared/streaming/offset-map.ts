// Maps character offsets in a text to the same places in its screened version (spans redacted, placeholders restored),
// for the parts of an answer that point into its text by offset: OpenAI's url_citation `start_index`/`end_index`.
// The two texts are aligned with Myers' diff (O((N+M)·D) for D changed characters), computed on first use only.

export interface OffsetMap {
  /**
   * Where `offset` of the original text lands in the screened one. A start inside replaced text moves to the start
   * of its replacement, an end to the end of it, so a range that covered a redacted span covers its marker.
   */
  map(offset: number, edge: "start" | "end"): number;
}

/**
 * Past this many changed characters the alignment is given up and only the common start and end map exactly: the
 * trace grows with its square (~1 MB here). A redacted e-mail costs ~30.
 */
const MAX_EDIT_DISTANCE = 512;
/**
 * Character comparisons allowed per alignment (a few ms). Natural text needs far fewer: ~190,000 for a 64 KB answer
 * with 17 redacted e-mails. A text that repeats itself makes every diagonal match at length, and then gets the same
 * ends-only answer as a text changed too much.
 */
const MAX_COMPARISONS = 1_000_000;

/** One stretch both texts share: `before[from, from + length)` equals `after[to, to + length)`. */
interface SharedRun {
  from: number;
  to: number;
  length: number;
}

export function createOffsetMap(options: { before: string; after: string }): OffsetMap {
  const { before, after } = options;
  let runs: SharedRun[] | undefined;
  return {
    map(offset, edge) {
      runs ??= sharedRuns(before, after);
      return mapThrough({ runs, offset, edge, beforeLength: before.length, afterLength: after.length });
    },
  };
}

function mapThrough(options: { runs: SharedRun[]; offset: number; edge: "start" | "end"; beforeLength: number; afterLength: number }): number {
  const { runs, edge, beforeLength } = options;
  const offset = Math.max(0, Math.min(options.offset, beforeLength));
  // Between two shared runs lies a gap: original text replaced by other text (either side may be empty).
  let gapAfter = 0; // where the current gap starts in the screened text
  let gapBefore = 0; // and in the original
  for (const run of runs) {
    if (offset <= run.from) return gapEdge({ offset, edge, gap: { from: gapBefore, to: run.from }, replacement: { from: gapAfter, to: run.to } });
    if (offset < run.from + run.length || (edge === "end" && offset === run.from + run.length)) return run.to + (offset - run.from);
    gapBefore = run.from + run.length;
    gapAfter = run.to + run.length;
  }
  return gapEdge({ offset, edge, gap: { from: gapBefore, to: beforeLength }, replacement: { from: gapAfter, to: options.afterLength } });
}

/**
 * An offset in a gap or on its borders. A start inside the replaced text takes the whole replacement, one at the
 * gap's end begins after it; an end inside it takes the whole replacement, one at the gap's start stops before it.
 */
function gapEdge(options: { offset: number; edge: "start" | "end"; gap: { from: number; to: number }; replacement: { from: number; to: number } }): number {
  const { offset, gap, replacement } = options;
  if (options.edge === "start") return offset === gap.to ? replacement.to : replacement.from;
  return offset === gap.from ? replacement.from : replacement.to;
}

/** The shared stretches of the two texts, in order (Myers' greedy diff with its trace, then a walk back). */
function sharedRuns(before: string, after: string): SharedRun[] {
  // The common prefix and suffix are cut first: screening changes a few places in a long answer.
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  const middle = alignMiddle(a, b);
  const runs: SharedRun[] = [];
  const push = (run: SharedRun) => {
    if (run.length > 0) runs.push(run);
  };
  push({ from: 0, to: 0, length: prefix });
  for (const run of middle) push({ from: run.from + prefix, to: run.to + prefix, length: run.length });
  push({ from: before.length - suffix, to: after.length - suffix, length: suffix });
  return runs;
}

function alignMiddle(a: string, b: string): SharedRun[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the diagonals -d-1 … d+1 of v as step d began, which is all the walk back reads at that step.
  const trace: Int32Array[] = [];
  let comparisons = 0;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      const from = x;
      while (x < n && y < m && a.charCodeAt(x) === b.charCodeAt(y)) {
        x++;
        y++;
      }
      comparisons += x - from + 1;
      if (comparisons > MAX_COMPARISONS) return [];
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack({ trace, k, x });
    }
  }
  return []; // too different to align within the bounds: only the common prefix and suffix map exactly
}

function walkBack(options: { trace: Int32Array[]; k: number; x: number }): SharedRun[] {
  const { trace } = options;
  let { k, x } = options;
  const runs: SharedRun[] = [];
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d];
    const at = d + 1; // index of diagonal 0 in trace[d]
    const down = k === -d || (k !== d && v[at + k - 1] < v[at + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = v[at + previousK];
    const startX = down ? previousX : previousX + 1; // after the one inserted or deleted character
    if (x > startX) runs.push({ from: startX, to: startX - k, length: x - startX });
    k = previousK;
    x = previousX;
  }
  if (x > 0) runs.push({ from: 0, to: 0, length: x }); // the snake of d = 0
  return runs.reverse();
}

/**
 * A copy of `target` (a citation, or the part of one holding its range) with its offsets moved: `start_index` and
 * `end_index` as a range, `index` (a file citation's single position) as a start. Anything else is kept as it is.
 */
export function withMovedOffsets(target: unknown, offsets: OffsetMap): unknown {
  if (typeof target !== "object" || target === null || Array.isArray(target)) return target;
  const moved: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  if (typeof moved.start_index === "number") moved.start_index = offsets.map(moved.start_index, "start");
  if (typeof moved.end_index === "number") moved.end_index = offsets.map(moved.end_index, "end");
  if (typeof moved.index === "number") moved.index = offsets.map(moved.index, "start");
  return moved;
}
