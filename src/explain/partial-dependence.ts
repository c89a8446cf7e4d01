/**
 * Partial dependence (Friedman 2001, "Greedy Function Approximation: A Gradient Boosting Machine",
 * §8.2; scikit-learn's `partial_dependence` with method='brute'): the mean predicted probability
 * over the rows when one numeric feature is set to each grid value in turn.
 */
import { predictChunked, type ExplainModel } from './model';

/**
 * Grid values for a feature: up to `points` distinct values at evenly spaced quantiles of the
 * column, from the 5th to the 95th percentile (scikit-learn's default percentiles=(0.05, 0.95)).
 */
export function quantileGrid(values: ArrayLike<number>, points: number): number[] {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const at = (q: number) => {
    const pos = q * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  const distinct = [...new Set(sorted)];
  if (distinct.length <= points) return distinct;
  const grid: number[] = [];
  for (let i = 0; i < points; i++) grid.push(at(0.05 + (0.9 * i) / Math.max(1, points - 1)));
  return [...new Set(grid)];
}

/** Mean probabilities (grid.length × classes) with slot `slot` of every row set to each grid value. */
export async function partialDependence(args: {
  model: ExplainModel;
  x: Float32Array;
  n: number;
  slot: number;
  grid: number[];
}): Promise<Float64Array> {
  const { model, x, n, slot, grid } = args;
  const size = model.sampleSize;
  const k = model.classes;
  const out = new Float64Array(grid.length * k);
  const changed = new Float32Array(x.subarray(0, n * size));
  for (const [g, value] of grid.entries()) {
    for (let i = 0; i < n; i++) changed[i * size + slot] = value;
    const probs = await predictChunked(model, changed, n);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[g * k + c] += probs[i * k + c] / n;
  }
  return out;
}
