// Platt scaling (score = sigmoid(a * margin + b)) fitted on the validation split with class-balanced weights, and
// picking a threshold for a target benign false-positive rate. Validation only: the test split never comes here.

export interface PlattParameters {
  a: number;
  b: number;
}

/**
 * Balanced weights make 0.5 mean "as likely attack as not at even odds", not "at this corpus's base rate", which is
 * meaningless for real traffic. Newton's method on two parameters; Platt's smoothed targets avoid infinite slopes.
 */
export function fitPlatt(options: { margins: ArrayLike<number>; targets: ArrayLike<number> }): PlattParameters {
  const { margins, targets } = options;
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < targets.length; i++) targets[i] === 1 ? positives++ : negatives++;
  if (positives === 0 || negatives === 0) return { a: 1, b: 0 };
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const weightPos = (positives + negatives) / (2 * positives);
  const weightNeg = (positives + negatives) / (2 * negatives);
  const loss = (a: number, b: number): number => {
    let total = 0;
    for (let i = 0; i < margins.length; i++) {
      const positive = targets[i] === 1;
      const t = positive ? hi : lo;
      const x = a * margins[i] + b;
      // log(1 + e^x) - t * x, computed without overflow.
      const softplus = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
      total += (positive ? weightPos : weightNeg) * (softplus - t * x);
    }
    return total;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < margins.length; i++) {
      const m = margins[i];
      const positive = targets[i] === 1;
      const t = positive ? hi : lo;
      const w = positive ? weightPos : weightNeg;
      const x = a * m + b;
      const p = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
      const d = w * (p - t);
      const s = w * Math.max(p * (1 - p), 1e-12);
      ga += d * m; gb += d;
      haa += s * m * m; hab += s * m; hbb += s;
    }
    haa += 1e-9; hbb += 1e-9;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Backtracking: a full Newton step can overshoot on nearly separable margins (it once ran a to 5e10).
    let step = 1;
    let next = loss(a - da, b - db);
    while (!(next <= current) && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (!(next <= current)) break;
    a -= step * da;
    b -= step * db;
    current = next;
    if (Math.abs(step * da) < 1e-10 && Math.abs(step * db) < 1e-10) break;
  }
  return { a, b };
}

/**
 * The lowest threshold (rounded up to 4 decimals) at which at most `targetFpr` of the benign scores are >= it.
 * Policy semantics: a finding counts when score >= threshold.
 */
export function thresholdForFpr(options: { benignScores: ArrayLike<number>; targetFpr: number }): number {
  const sorted = Array.from(options.benignScores).sort((x, y) => y - x);
  const allowed = Math.floor(options.targetFpr * sorted.length);
  if (allowed >= sorted.length) return 0;
  const boundary = sorted[allowed];
  return Math.min(1, Math.ceil((boundary + 1e-9) * 1e4) / 1e4);
}

/**
 * The lowest threshold meeting the FPR target on the corpus's benign rows AND `ownFpr` on our own benign rows (the
 * corpus alone is mostly CLINC queries: a threshold that passes them can still block "Bonjour Claude").
 */
export function thresholdForBenignGroups(options: {
  benign: readonly { own: boolean; score: number }[];
  targetFpr: number;
  ownFpr: number;
}): number {
  const scoresOf = (own: boolean) => options.benign.filter((x) => x.own === own).map((x) => x.score);
  return Math.max(
    thresholdForFpr({ benignScores: scoresOf(false), targetFpr: options.targetFpr }),
    thresholdForFpr({ benignScores: scoresOf(true), targetFpr: options.ownFpr }),
  );
}

/** ROC AUC by the rank-sum formula (ties count half). */
export function rocAuc(options: { scores: ArrayLike<number>; targets: ArrayLike<number> }): number {
  const items = Array.from(options.scores, (score, i) => ({ score, positive: options.targets[i] === 1 }));
  items.sort((x, y) => x.score - y.score);
  let rankSum = 0;
  let positives = 0;
  let i = 0;
  while (i < items.length) {
    let j = i;
    while (j < items.length && items[j].score === items[i].score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (items[k].positive) { rankSum += averageRank; positives++; }
    i = j;
  }
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
