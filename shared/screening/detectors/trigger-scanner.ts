// Finds literal trigger words in a text the way a global regex of their alternation, longest first, does: the
// leftmost hit, the longest trigger there, the next search from its end. One Aho-Corasick automaton pass over the
// UTF-16 units instead of the regex, about 2.4x faster on the corpus texts: the ~80 injection triggers start with
// most letters, so the regex tries its alternatives at nearly every position (docs/performance.md, session 19).
// Triggers are plain strings matched unit for unit; a unit no trigger contains sends the automaton back to its start.

export interface TriggerHit {
  /** Where the trigger starts in the text. */
  index: number;
  /** Which trigger: an index into the list the scanner was built from. */
  trigger: number;
  /** Its length, so the next search can start at index + length. */
  length: number;
}

export interface TriggerScanner {
  /** The leftmost-longest trigger starting at or after `from`, or null when none does. */
  next(text: string, from: number): TriggerHit | null;
}

/**
 * Unit classes, 0 for a unit in no trigger, then one per distinct unit: a table for ASCII, and for other units a
 * 256-entry page per high byte (a shared empty one for most). A few small tables instead of one 64 KB one, since the
 * automaton is built on an isolate's first request and fresh memory is not free there.
 */
interface UnitClasses {
  ascii: Uint8Array;
  pages: Uint8Array[];
  count: number;
}

function unitClasses(triggers: readonly string[]): UnitClasses {
  const empty = new Uint8Array(256);
  const pages: Uint8Array[] = new Array(256).fill(empty);
  let count = 1;
  for (const trigger of triggers) {
    for (let i = 0; i < trigger.length; i++) {
      const unit = trigger.charCodeAt(i);
      if (pages[unit >>> 8] === empty) pages[unit >>> 8] = new Uint8Array(256);
      if (pages[unit >>> 8][unit & 0xff] === 0) pages[unit >>> 8][unit & 0xff] = count++;
    }
  }
  if (count > 0xff) throw new Error("too many distinct trigger characters for the scanner's unit classes");
  return { ascii: pages[0].subarray(0, 0x80), pages, count };
}

export function createTriggerScanner(triggers: readonly string[]): TriggerScanner {
  if (triggers.some((trigger) => trigger.length === 0)) throw new Error("a trigger cannot be empty");
  const { ascii, pages, count: classes } = unitClasses(triggers);
  // The trie: node 0 is the root; each node knows its parent, the class that leads to it and the trigger it ends.
  const childOf = new Map<number, number>(); // parent * 256 + class → child
  const parentOf: number[] = [-1];
  const classInto: number[] = [0];
  const ownTrigger: number[] = [-1];
  for (let index = 0; index < triggers.length; index++) {
    const trigger = triggers[index];
    let node = 0;
    for (let i = 0; i < trigger.length; i++) {
      const unit = trigger.charCodeAt(i);
      const key = node * 256 + pages[unit >>> 8][unit & 0xff];
      let child = childOf.get(key);
      if (child === undefined) {
        child = parentOf.length;
        childOf.set(key, child);
        parentOf.push(node);
        classInto.push(key & 0xff);
        ownTrigger.push(-1);
      }
      node = child;
    }
    if (ownTrigger[node] < 0) ownTrigger[node] = index; // a duplicate keeps its first index
  }
  // The automaton, Aho-Corasick as a full transition table. States are row offsets (node number times `classes`), so
  // a step is one add and one load. `longest` holds, at a state's offset, 1 + the longest trigger that ends the text
  // read so far there (its own, or one through its failure links), 0 for none. Breadth first, each row starts as a
  // copy of its failure state's row (one builtin copy per node: the build runs before any of this code is optimised).
  const nodes = parentOf.length;
  const size = nodes * classes;
  const step = size < 0x8000 ? new Int16Array(size) : new Int32Array(size);
  const longest = triggers.length < 0x7fff ? new Int16Array(size) : new Int32Array(size);
  const failure = new Int32Array(nodes);
  const childrenOf: number[][] = Array.from({ length: nodes }, () => []);
  for (let node = 1; node < nodes; node++) childrenOf[parentOf[node]].push(node);
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    const state = node * classes;
    const fallback = failure[node];
    if (node !== 0) step.copyWithin(state, fallback, fallback + classes);
    const inherited = node === 0 ? 0 : longest[fallback];
    const own = ownTrigger[node];
    longest[state] = own >= 0 && (inherited === 0 || triggers[own].length > triggers[inherited - 1].length) ? own + 1 : inherited;
    for (const child of childrenOf[node]) {
      // The row, still its failure state's copy at the child's class, says where the child fails to.
      failure[child] = node === 0 ? 0 : step[state + classInto[child]];
      step[state + classInto[child]] = child * classes;
      queue.push(child);
    }
  }
  let maxLength = 0;
  for (const trigger of triggers) maxLength = Math.max(maxLength, trigger.length);

  return {
    next(text: string, from: number): TriggerHit | null {
      const end = text.length;
      let state = 0;
      let bestIndex = -1;
      let bestEnd = -1;
      let bestTrigger = -1;
      let limit = end;
      for (let i = Math.max(0, from); i < limit; i++) {
        const unit = text.charCodeAt(i);
        state = step[state + (unit < 0x80 ? ascii[unit] : pages[unit >>> 8][unit & 0xff])];
        if (longest[state] === 0) continue;
        // The longest trigger ending here starts earliest among those ending here. A hit further left must end
        // within maxLength of the first one's start, so the search stops there.
        const trigger = longest[state] - 1;
        const hitEnd = i + 1;
        const hitIndex = hitEnd - triggers[trigger].length;
        if (bestIndex < 0) limit = Math.min(end, hitIndex + maxLength);
        if (bestIndex < 0 || hitIndex < bestIndex || (hitIndex === bestIndex && hitEnd > bestEnd)) {
          bestIndex = hitIndex;
          bestEnd = hitEnd;
          bestTrigger = trigger;
        }
      }
      return bestIndex < 0 ? null : { index: bestIndex, trigger: bestTrigger, length: bestEnd - bestIndex };
    },
  };
}
