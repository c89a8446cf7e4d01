/**
 * The median minimal ε over the originally correct samples. A sample no attack fooled within the
 * grid is censored: its minimal ε is only known to exceed the largest ε tried, so it sorts as +∞
 * and the median is undefined once half the samples are censored. The interval is a seeded
 * percentile bootstrap of the median (resamples whose median is censored are left out).
 */
import type { Estimate, Json } from '../../core/types';
import type { Rng } from '../../core/rng';
import { bootstrapInterval } from '../../metrics/bootstrap';

/** Median of values where +∞ means "above the grid"; null when the middle falls on +∞. */
export function censoredMedian(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const a = sorted[Math.floor((n - 1) / 2)];
  const b = sorted[Math.ceil((n - 1) / 2)];
  return Number.isFinite(a) && Number.isFinite(b) ? (a + b) / 2 : null;
}

export interface MinimalEpsilonOptions {
  rng: Rng;
  resamples: number;
  level: number;
  signal: AbortSignal;
  /** The largest ε tried, for the reason when the median is censored. */
  maxEpsilon: number;
  /** How the minimal ε was found, for the details. */
  method: string;
}

/** The median minimal ε with its interval, and details (sorted finite values, censored count). */
export function medianMinimalEpsilon(values: Float64Array, options: MinimalEpsilonOptions): { estimate: Estimate; details: { [key: string]: Json } } {
  const n = values.length;
  const censored = values.filter((v) => !Number.isFinite(v)).length;
  const median = censoredMedian(values);
  const scratch = new Float64Array(n);
  const interval = median === null ? null : bootstrapInterval(n, (indices) => {
    for (let r = 0; r < n; r++) scratch[r] = values[indices[r]];
    return censoredMedian(scratch);
  }, { rng: options.rng.fork('minimal-epsilon'), resamples: options.resamples, level: options.level, signal: options.signal });
  const estimate: Estimate = n === 0
    ? { value: null, interval: null, n: 0, undefinedReason: 'none of the attacked samples is classified correctly without an attack' }
    : median === null
      ? { value: null, interval: null, n, undefinedReason: `${censored} of ${n} correctly classified samples withstood every attack up to ε = ${options.maxEpsilon}, so the median minimal ε lies above the grid` }
      : { value: median, interval, n };
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b).map((v) => Math.round(v * 1e5) / 1e5);
  return { estimate, details: { method: options.method, median, censored, n, maxEpsilon: options.maxEpsilon, values: finite } };
}
