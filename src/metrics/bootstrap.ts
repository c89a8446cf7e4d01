import type { Interval } from '../core/types';
import type { Rng } from '../core/rng';
import { CancelledError } from '../core/probe';
import { checkLevel } from './level';

export { wilsonInterval } from './wilson';

export interface BootstrapOptions {
  rng: Rng;
  /** Number of resamples; 0 gives no interval. */
  resamples: number;
  /** Confidence level; default 0.95. */
  level?: number;
  /**
   * Stratum (e.g. group id) per sample. When given, every resample keeps each stratum's size:
   * position i is refilled with a random member of stratum[i]'s stratum.
   */
  strata?: Int32Array;
  signal?: AbortSignal;
}

/** How often (in resamples) a bootstrap checks its abort signal. */
const CANCEL_CHECK_EVERY = 50;

/**
 * Seeded nonparametric percentile bootstrap (Efron & Tibshirani 1993, "An Introduction to the
 * Bootstrap", ch. 13). Each resample draws n sample indices with replacement (within strata when
 * given) and evaluates `statistic` on them. Resamples whose statistic is undefined (null or not
 * finite, e.g. a class that was never drawn) are left out and counted in `skipped`.
 *
 * The interval's ends are the (1 − level)/2 and (1 + level)/2 quantiles of the resampled
 * statistics, interpolated linearly between order statistics (numpy.percentile's default, type 7
 * of Hyndman & Fan 1996).
 *
 * `statistic` receives the same Int32Array on every call (it is refilled in place): read it, do
 * not keep it. Returns null when n = 0, resamples = 0, or the statistic was undefined on every
 * resample. Throws CancelledError when `signal` aborts (checked every 50 resamples).
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: Int32Array) => number | null,
  opts: BootstrapOptions,
): Interval | null {
  return bootstrapIntervals(n, ['value'], (indices) => ({ value: statistic(indices) }), opts).value;
}

/**
 * Several statistics bootstrapped on the same resamples: one draw of indices per resample,
 * however many metrics are read from it (drawing dominates the cost on large data). Each named
 * statistic gets its own interval and its own `skipped` count, exactly as `bootstrapInterval`
 * would give it for the same rng state.
 */
export function bootstrapIntervals<K extends string>(
  n: number,
  names: readonly K[],
  statistics: (indices: Int32Array) => Record<K, number | null>,
  opts: BootstrapOptions,
): Record<K, Interval | null> {
  const level = opts.level ?? 0.95;
  checkLevel(level);
  if (!Number.isInteger(opts.resamples) || opts.resamples < 0) {
    throw new RangeError(`The number of bootstrap resamples must be a whole number ≥ 0; got ${opts.resamples}.`);
  }
  if (opts.strata && opts.strata.length !== n) {
    throw new RangeError(`bootstrapInterval got ${opts.strata.length} strata for ${n} samples; give one stratum per sample.`);
  }
  const result = Object.fromEntries(names.map((name) => [name, null])) as Record<K, Interval | null>;
  if (n === 0 || opts.resamples === 0) return result;

  const draw = opts.strata ? stratifiedDraw(opts.strata, opts.rng) : plainDraw(n, opts.rng);
  const indices = new Int32Array(n);
  const values = names.map(() => new Float64Array(opts.resamples));
  const kept = new Int32Array(names.length);
  for (let r = 0; r < opts.resamples; r++) {
    if (opts.signal && r % CANCEL_CHECK_EVERY === 0 && opts.signal.aborted) throw new CancelledError();
    draw(indices);
    const stats = statistics(indices);
    names.forEach((name, s) => {
      const value = stats[name];
      if (value !== null && Number.isFinite(value)) values[s][kept[s]++] = value;
    });
  }

  const alpha = (1 - level) / 2;
  names.forEach((name, s) => {
    if (kept[s] === 0) return;
    const sorted = values[s].subarray(0, kept[s]).sort();
    result[name] = {
      low: quantileSorted(sorted, alpha),
      high: quantileSorted(sorted, 1 - alpha),
      level,
      method: 'bootstrap-percentile',
      resamples: opts.resamples,
      skipped: opts.resamples - kept[s],
    };
  });
  return result;
}

/** Linear interpolation between order statistics (numpy.percentile, method 'linear'). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

function plainDraw(n: number, rng: Rng): (into: Int32Array) => void {
  return (into) => {
    for (let i = 0; i < n; i++) into[i] = rng.int(n);
  };
}

function stratifiedDraw(strata: Int32Array, rng: Rng): (into: Int32Array) => void {
  // Members of each stratum, stored back to back; start/size per sample's stratum.
  const byStratum = new Map<number, number[]>();
  strata.forEach((stratum, i) => {
    const members = byStratum.get(stratum);
    if (members) members.push(i);
    else byStratum.set(stratum, [i]);
  });
  const members = new Int32Array(strata.length);
  const startOf = new Map<number, number>();
  let offset = 0;
  for (const [stratum, list] of byStratum) {
    startOf.set(stratum, offset);
    members.set(list, offset);
    offset += list.length;
  }
  const start = new Int32Array(strata.length);
  const size = new Int32Array(strata.length);
  strata.forEach((stratum, i) => {
    start[i] = startOf.get(stratum)!;
    size[i] = byStratum.get(stratum)!.length;
  });
  return (into) => {
    for (let i = 0; i < into.length; i++) into[i] = members[start[i] + rng.int(size[i])];
  };
}
