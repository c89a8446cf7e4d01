/**
 * How strongly a column is associated with a grouping, for finding proxies of sensitive
 * attributes. All three measures lie in [0, 1]; 0 = no association.
 *
 * - Cramér's V for two categorical variables (H. Cramér 1946, "Mathematical Methods of
 *   Statistics", §21.9): V = √(χ² / n / min(r − 1, c − 1)), Pearson's χ² without continuity
 *   correction over the non-empty rows and columns; scipy.stats.contingency.association(method="cramer").
 * - The correlation ratio η for a numeric variable across groups (K. Pearson 1903; Fisher 1925):
 *   η = √(SS_between / SS_total), the share of the variable's spread explained by the groups.
 * - The single-feature AUC: how well the value alone separates one group from the rest
 *   (Mann–Whitney U / (n₁ n₀), ties counted half; Hanley & McNeil 1982), reported as
 *   max(AUC, 1 − AUC) so that 0.5 is no separation and 1 perfect separation.
 *
 * Functions that take `weights` count sample i `weights[i]` times, so a bootstrap resample
 * (multiplicities of the samples drawn) is scored without copying.
 */
import type { Defined } from './defined';

/** r × c table of (weighted) counts of code pairs: table[a * c + b]. */
export function contingencyTable(a: Int32Array, r: number, b: Int32Array, c: number, weights?: Int32Array | Float64Array): Float64Array {
  if (a.length !== b.length) throw new RangeError(`contingencyTable got ${a.length} and ${b.length} codes; give two codes per sample.`);
  const table = new Float64Array(r * c);
  if (weights) {
    for (let i = 0; i < a.length; i++) if (weights[i] !== 0) table[a[i] * c + b[i]] += weights[i];
  } else {
    for (let i = 0; i < a.length; i++) table[a[i] * c + b[i]]++;
  }
  return table;
}

/** Cramér's V of an r × c table (rows and columns with no counts are left out). */
export function cramersV(table: Float64Array, r: number, c: number): Defined {
  const rowSums = new Float64Array(r);
  const colSums = new Float64Array(c);
  let n = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const v = table[i * c + j];
      rowSums[i] += v;
      colSums[j] += v;
      n += v;
    }
  }
  const rows = rowSums.filter((s) => s > 0).length;
  const cols = colSums.filter((s) => s > 0).length;
  if (n === 0) return { value: null, reason: 'no samples' };
  if (rows < 2 || cols < 2) {
    return { value: null, reason: `${rows < 2 ? 'the column' : 'the grouping'} takes only one value, so there is nothing to associate` };
  }
  let chi2 = 0;
  for (let i = 0; i < r; i++) {
    if (rowSums[i] === 0) continue;
    for (let j = 0; j < c; j++) {
      if (colSums[j] === 0) continue;
      const expected = (rowSums[i] * colSums[j]) / n;
      const d = table[i * c + j] - expected;
      chi2 += (d * d) / expected;
    }
  }
  return { value: Math.min(1, Math.sqrt(chi2 / n / Math.min(rows - 1, cols - 1))) };
}

/** Per-group count, sum and sum of squares of x (samples with NaN x are left out). */
export interface GroupMoments {
  count: Float64Array;
  sum: Float64Array;
  squares: Float64Array;
}

export function groupMoments(x: Float64Array, group: Int32Array, groups: number, weights?: Int32Array | Float64Array): GroupMoments {
  const count = new Float64Array(groups);
  const sum = new Float64Array(groups);
  const squares = new Float64Array(groups);
  for (let i = 0; i < x.length; i++) {
    const w = weights ? weights[i] : 1;
    const v = x[i];
    if (w === 0 || Number.isNaN(v)) continue;
    const g = group[i];
    count[g] += w;
    sum[g] += w * v;
    squares[g] += w * v * v;
  }
  return { count, sum, squares };
}

/**
 * η from group moments. Pass x centred on its mean (as `centred` does) so the sums of squares do
 * not lose precision for large values.
 */
export function correlationRatio(m: GroupMoments): Defined {
  let n = 0;
  let total = 0;
  let squares = 0;
  let between = 0;
  let groupsPresent = 0;
  for (let g = 0; g < m.count.length; g++) {
    if (m.count[g] === 0) continue;
    groupsPresent++;
    n += m.count[g];
    total += m.sum[g];
    squares += m.squares[g];
    between += (m.sum[g] * m.sum[g]) / m.count[g];
  }
  if (n === 0) return { value: null, reason: 'no samples with a number' };
  if (groupsPresent < 2) return { value: null, reason: 'the grouping takes only one value, so there is nothing to associate' };
  const ssTotal = squares - (total * total) / n;
  const ssBetween = between - (total * total) / n;
  if (!(ssTotal > 1e-12 * Math.max(1, squares))) return { value: null, reason: 'the column holds one value only (no spread to explain)' };
  return { value: Math.min(1, Math.sqrt(Math.max(0, ssBetween) / ssTotal)) };
}

/** x minus its mean over the non-NaN values (NaN stays NaN). */
export function centred(x: Float64Array): Float64Array {
  let sum = 0;
  let count = 0;
  for (const v of x) if (!Number.isNaN(v)) { sum += v; count++; }
  const mean = count === 0 ? 0 : sum / count;
  return x.map((v) => v - mean);
}

/**
 * Mann–Whitney AUC of x for samples with `positive[i]` against the rest (NaN x left out), as
 * max(AUC, 1 − AUC). Null when either side is empty.
 */
export function separationAuc(x: Float64Array, positive: Uint8Array): Defined {
  return groupSeparation(x, Int32Array.from(positive), 2)[1];
}

/**
 * For each group g, the Mann–Whitney AUC of x for group g against all other samples, as
 * max(AUC, 1 − AUC), from one sort: with average ranks R (ties share their mean rank),
 * AUC_g = (Σ_{i ∈ g} R_i − n_g(n_g + 1)/2) / (n_g (n − n_g)). NaN x are left out.
 */
export function groupSeparation(x: Float64Array, group: Int32Array, groups: number): Defined[] {
  const order: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) order.push(i);
  order.sort((a, b) => x[a] - x[b]);
  const rankSum = new Float64Array(groups);
  const size = new Float64Array(groups);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && x[order[end + 1]] === x[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      const g = group[order[k]];
      rankSum[g] += averageRank;
      size[g]++;
    }
    start = end + 1;
  }
  const n = order.length;
  return Array.from({ length: groups }, (_, g): Defined => {
    const nPos = size[g];
    const nNeg = n - nPos;
    if (nPos === 0 || nNeg === 0) return { value: null, reason: 'one side of the comparison has no samples with a number' };
    const auc = (rankSum[g] - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
    return { value: Math.max(auc, 1 - auc) };
  });
}
