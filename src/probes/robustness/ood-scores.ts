/**
 * Scores that say how much an input looks like the training distribution, and how well they
 * separate in-distribution inputs from out-of-distribution ones.
 * - Maximum softmax probability (Hendrycks & Gimpel 2017, "A Baseline for Detecting Misclassified
 *   and Out-of-Distribution Examples", ICLR): max_k p_k.
 * - Energy score (Liu, Wang, Owens & Li 2020, "Energy-based Out-of-distribution Detection",
 *   NeurIPS, eq. 1): −E(x) = T · log Σ_k exp(f_k(x) / T) on the logits f; higher = more in-distribution.
 * Separation is the area under the ROC curve with in-distribution as the positive class
 * (`summarizeRanked` in metrics/roc.ts), and the false-positive rate at 95 % true-positive rate (Liang, Li & Srikant 2018,
 * "Enhancing the Reliability of Out-of-distribution Image Detection in Neural Networks", ICLR):
 * the share of OOD inputs still accepted when the threshold keeps 95 % of in-distribution ones.
 */
import type { RankedScores } from '../../metrics/roc';

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

/**
 * FPR at the first threshold (walking down from the highest score) where TPR reaches 0.95;
 * null without positives or negatives. Weights are multiplicities (a bootstrap resample).
 */
export function fprAtTpr(ranked: RankedScores, positives: ArrayLike<boolean | number>, weights?: ArrayLike<number>, tpr = 0.95): number | null {
  let P = 0;
  let N = 0;
  for (const i of ranked.order) {
    const w = weights ? weights[i] : 1;
    if (positives[i]) P += w;
    else N += w;
  }
  if (P === 0 || N === 0) return null;
  let tp = 0;
  let fp = 0;
  let start = 0;
  for (let g = 0; g < ranked.groupEnd.length; g++) {
    for (let p = start; p < ranked.groupEnd[g]; p++) {
      const i = ranked.order[p];
      const w = weights ? weights[i] : 1;
      if (positives[i]) tp += w;
      else fp += w;
    }
    start = ranked.groupEnd[g];
    if (tp >= tpr * P * (1 - 1e-12)) return fp / N;
  }
  return fp / N;
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
