export type Polarity = "negative" | "neutral" | "positive";
export const POLARITIES: readonly Polarity[] = ["negative", "neutral", "positive"];

/** Mean recall over the classes that occur in `gold` (a split may lack a rare class). */
export function macroRecall(gold: readonly Polarity[], pred: readonly Polarity[]): number {
  let total = 0;
  let classes = 0;
  for (const cls of POLARITIES) {
    let tp = 0;
    let n = 0;
    gold.forEach((g, i) => {
      if (g !== cls) return;
      n++;
      if (pred[i] === cls) tp++;
    });
    if (n === 0) continue;
    classes++;
    total += tp / n;
  }
  return classes === 0 ? Number.NaN : total / classes;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  /** Gold positives. */
  support: number;
}

export function prf({ tp, fp, fn }: Counts): Prf {
  const precision = tp + fp === 0 ? Number.NaN : tp / (tp + fp);
  const recall = tp + fn === 0 ? Number.NaN : tp / (tp + fn);
  // With no gold positives and no predictions there is nothing to score: NaN prints as "–".
  const f1 = tp + fp + fn === 0 ? Number.NaN : tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { precision, recall, f1, support: tp + fn };
}

export function binaryCounts(gold: readonly boolean[], pred: readonly boolean[]): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  gold.forEach((g, i) => {
    const p = pred[i] === true;
    if (g && p) c.tp++;
    else if (!g && p) c.fp++;
    else if (g && !p) c.fn++;
  });
  return c;
}

export interface MultiLabelScores {
  perLabel: Record<string, Prf>;
  micro: Prf;
  /** Rows whose predicted label set equals the gold set exactly (restricted to `labels`). */
  exact: number;
  rows: number;
}

/** Per-label and micro-averaged scores over a closed label vocabulary; other predicted slugs are ignored. */
export function multiLabel(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[], labels: readonly string[]): MultiLabelScores {
  const perLabel: Record<string, Prf> = {};
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const label of labels) {
    const c = binaryCounts(
      gold.map((g) => g.includes(label)),
      pred.map((p) => p.includes(label)),
    );
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    perLabel[label] = prf(c);
  }
  let exact = 0;
  gold.forEach((g, i) => {
    const p = (pred[i] ?? []).filter((l) => labels.includes(l));
    if (p.length === g.length && g.every((l) => p.includes(l))) exact++;
  });
  return { perLabel, micro: prf(total), exact, rows: gold.length };
}

/** The F1 cell of the public-set table: "0.459 (P 0.32 R 0.61)", or n/a for a model without the concept. */
export function f1Cell(gold: readonly boolean[], pred: readonly (boolean | undefined)[]): string {
  if (pred.some((p) => p === undefined)) return "n/a";
  const s = prf(binaryCounts(gold, pred as boolean[]));
  const z = (x: number): number => (Number.isNaN(x) ? 0 : x);
  return `${z(s.f1).toFixed(3)} (P ${z(s.precision).toFixed(2)} R ${z(s.recall).toFixed(2)})`;
}

export interface Timing {
  /** Median over messages of each message's median time over the passes. */
  medianMicros: number;
  /** Mean over messages (long messages show here, not in the median). */
  meanMicros: number;
}

/**
 * Each message is timed on its own in every pass; a message's time is its median over the passes, and
 * the set is summarised by the median and the mean over messages. One untimed pass warms up the JIT and
 * lazily built tables.
 */
export function timeEach(texts: readonly string[], fn: (t: string) => unknown, passes = 5): Timing {
  for (const t of texts) fn(t);
  const samples: number[][] = texts.map(() => []);
  for (let p = 0; p < passes; p++) {
    texts.forEach((t, i) => {
      const t0 = performance.now();
      fn(t);
      samples[i]?.push((performance.now() - t0) * 1000);
    });
  }
  const perMessage = samples.map(median);
  return { medianMicros: median(perMessage), meanMicros: perMessage.reduce((a, b) => a + b, 0) / Math.max(1, perMessage.length) };
}

/** The existing public-set timing: median over passes of (pass time ÷ messages). */
export function medianPassMicros(texts: readonly string[], fn: (t: string) => unknown, passes = 5): number {
  for (const t of texts) fn(t);
  const perMessage: number[] = [];
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (const t of texts) fn(t);
    perMessage.push(((performance.now() - t0) * 1000) / texts.length);
  }
  return median(perMessage);
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
