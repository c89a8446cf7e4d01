/**
 * Scores that say how much an input looks like the training distribution, and how well they
 * separate in-distribution inputs from out-of-distribution ones.
 * - Maximum softmax probability (Hendrycks & Gimpel 2017, "A Baseline for Detecting Misclassified
 *   and Out-of-Distribution Examples", ICLR): max_k p_k.
 * - Energy score (Liu, Wang, Owens & Li 2020, "Energy-based Out-of-distribution Detection",
 *   NeurIPS, eq. 1): −E(x) = T · log Σ_k exp(f_k(x) / T) on the logits f; higher = more in-distribution.
 * Separation is the area under the ROC curve with in-distribution as the positive class
 * and the false-positive rate at 95 % true-positive rate (the share of OOD inputs still accepted when
 * the threshold keeps 95 % of in-distribution ones), both by `summarizeRanked` in metrics/roc.ts.
 */

/** max_k p_k per row of an n × k matrix. */
export function maxSoftmax(probs: Float32Array, k: number): Float64Array {
  const n = probs.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = 0; j < k; j++) best = Math.max(best, probs[i * k + j]);
    out[i] = best;
  }
  return out;
}

/** T · log Σ_k exp(f_k / T) per row, computed stably; the negative of Liu et al.'s energy. */
export function negativeEnergy(logits: Float32Array, k: number, temperature = 1): Float64Array {
  const n = logits.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logits[i * k + j] / temperature);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[i * k + j] / temperature - max);
    out[i] = temperature * (max + Math.log(sum));
  }
  return out;
}

/** log p per entry (probabilities floored at 1e-45 so a zero does not give −∞). */
export function logProbabilities(probs: Float32Array): Float32Array {
  return Float32Array.from(probs, (p) => Math.log(Math.max(p, 1e-45)));
}

/** Counts of `values` in `bins` equal-width bins over [low, high] (values outside go to the end bins). */
export function histogram(values: ArrayLike<number>, low: number, high: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = high > low ? (high - low) / bins : 1;
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - low) / width)));
    counts[b]++;
  }
  return counts;
}
