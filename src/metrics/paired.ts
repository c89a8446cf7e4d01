import { createRng } from '../core/rng';
import type { Interval } from '../core/types';
import { quantileSorted } from './bootstrap';
import { decodePredictions } from '../core/predictions';
import type { PairedTest } from '../core/compare';

/**
 * Paired percentile bootstrap of the difference in accuracy between two sets of predictions of
 * the same samples (Efron & Tibshirani 1993, ch. 13): samples are resampled together, so the
 * interval reflects only how the two models differ on the same rows. Labels ≥ `classCount` are
 * unknown and left out. Seeded, so the same two runs always give the same interval.
 */
export function pairedAccuracyDifference(
  base: Int32Array, next: Int32Array, truth: Int32Array, classCount: number,
  options: { resamples?: number; level?: number; seed?: number } = {},
): { difference: number; interval: Interval; n: number } | null {
  if (base.length !== next.length || base.length !== truth.length) return null;
  const diffs: number[] = [];
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] >= classCount) continue;
    diffs.push(Number(next[i] === truth[i]) - Number(base[i] === truth[i]));
  }
  const n = diffs.length;
  if (n === 0) return null;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const rng = createRng(options.seed ?? 1);
  const stats = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[rng.int(n)];
    stats[b] = sum / n;
  }
  stats.sort();
  const tail = (1 - level) / 2;
  return {
    difference: diffs.reduce((a, b) => a + b, 0) / n,
    interval: { low: quantileSorted(stats, tail), high: quantileSorted(stats, 1 - tail), level, method: 'bootstrap-percentile', resamples },
    n,
  };
}

/**
 * The paired test `compareRuns` uses for validity/accuracy: significant when the paired interval
 * of the accuracy difference excludes 0; null (fall back to interval overlap) when the runs did
 * not keep predictions and labels for the same samples.
 */
export const pairedAccuracyTest: PairedTest = (base, next) => {
  if (base.probeId !== 'validity/accuracy') return null;
  const a = decodePredictions(base.measurement?.details?.predictions);
  const b = decodePredictions(next.measurement?.details?.predictions);
  const truth = decodePredictions(base.measurement?.details?.truth);
  const labels = base.measurement?.details?.labels;
  if (!a || !b || !truth || !Array.isArray(labels)) return null;
  const result = pairedAccuracyDifference(a, b, truth, labels.length);
  if (!result) return null;
  return result.interval.low > 0 || result.interval.high < 0 ? 'significant' : 'not-significant';
};
