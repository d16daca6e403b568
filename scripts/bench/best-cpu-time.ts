// Best-of-batches CPU timing for the bench scripts that time code in-process (detectors-bench.ts,
// screening-corpus-bench.ts): one run, or two runs batch by batch in turn for their `--baseline` comparisons.

/**
 * CPU microseconds per run: the fastest of several ~10 ms batches. Process CPU time and the best batch keep other
 * processes on a shared machine from inflating the figure; the clock is read once per batch, not per run.
 */
export function timeIt(run: () => void, minMs = 150): number {
  for (let i = 0; i < 3; i++) run(); // warm-up (JIT, regex compilation, policy caches)
  const started = process.cpuUsage();
  let best = Infinity;
  let totalUs = 0;
  let perBatch = 1;
  while (totalUs < minMs * 1000) {
    const before = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) run();
    const used = process.cpuUsage(before);
    const batchUs = used.user + used.system;
    best = Math.min(best, batchUs / perBatch);
    if (batchUs < 10_000) perBatch *= 2;
    const total = process.cpuUsage(started);
    totalUs = total.user + total.system;
  }
  return best;
}

/** Like timeIt for two runs at once, batch by batch in turn, so a burst of load on the machine hits both alike. */
export function timePair(first: () => void, second: () => void, minMs: number): { first: number; second: number } {
  for (let i = 0; i < 3; i++) {
    first();
    second();
  }
  const best = [Infinity, Infinity];
  const perBatch = [1, 1];
  const runs = [first, second];
  const started = process.cpuUsage();
  let totalUs = 0;
  while (totalUs < 2 * minMs * 1000) {
    for (let k = 0; k < 2; k++) {
      const before = process.cpuUsage();
      for (let i = 0; i < perBatch[k]; i++) runs[k]();
      const used = process.cpuUsage(before);
      const batchUs = used.user + used.system;
      best[k] = Math.min(best[k], batchUs / perBatch[k]);
      if (batchUs < 10_000) perBatch[k] *= 2;
    }
    const total = process.cpuUsage(started);
    totalUs = total.user + total.system;
  }
  return { first: best[0], second: best[1] };
}
