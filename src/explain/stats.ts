/**
 * Small statistics the explanation methods and their quality metrics share. Pure and exact on
 * Float64; every function that can be undefined returns null rather than NaN.
 */

export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

export function mean(values: ArrayLike<number>): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

/** Euclidean norm. */
export function l2(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}

/** Pearson's product-moment correlation; null when either side has no variance. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = Math.min(a.length, b.length);
  if (n < 2) return null;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  // Relative tolerance: float32 attributions of a constant map are not exactly equal.
  if (saa <= 1e-24 * Math.max(1, ma * ma) * n || sbb <= 1e-24 * Math.max(1, mb * mb) * n) return null;
  const r = sab / Math.sqrt(saa * sbb);
  return Math.max(-1, Math.min(1, r));
}

/** Ranks from 1, ties given their average rank (scipy.stats.rankdata, method 'average'). */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j] || i - j);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's correlation of the average ranks (scipy.stats.spearmanr). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  return pearson(ranks(a), ranks(b));
}

/** Absolute values, as a new array. */
export function absolute(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values as ArrayLike<number>, Math.abs);
}

/**
 * Area under a curve by the trapezoid rule. `xs` defaults to evenly spaced points on [0, 1], so
 * a deletion or insertion curve's area is its mean height.
 */
export function trapezoidArea(ys: ArrayLike<number>, xs?: ArrayLike<number>): number {
  const n = ys.length;
  if (n < 2) return n === 1 ? ys[0] : 0;
  let area = 0;
  for (let i = 1; i < n; i++) {
    const dx = xs ? xs[i] - xs[i - 1] : 1 / (n - 1);
    area += (dx * (ys[i] + ys[i - 1])) / 2;
  }
  return area;
}

/** Index of the largest value (the first on ties). */
export function argmax(values: ArrayLike<number>, start = 0, length = values.length - start): number {
  let best = 0;
  for (let j = 1; j < length; j++) if (values[start + j] > values[start + best]) best = j;
  return best;
}

/** Indices ordered by value, largest first (stable: ties keep index order). */
export function orderByValueDescending(values: ArrayLike<number>): Int32Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((i, j) => values[j] - values[i] || i - j);
  return Int32Array.from(order);
}

/** Binomial coefficient C(n, k) as a float (exact for the sizes KernelSHAP meets). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const m = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= m; i++) c = (c * (n - m + i)) / i;
  return c < 2 ** 52 ? Math.round(c) : c;
}
