/**
 * Per-sample values (one per explained row or image) summarised as means with seeded percentile
 * bootstrap intervals over the samples. A sample where a metric is undefined is left out of that
 * metric (and counted out of its n), never turned into NaN.
 */
import type { Rng } from '../../core/rng';
import type { Estimate } from '../../core/types';
import { intervalNotes, seededIntervals } from '../estimates';
import type { BootstrapParams } from '../params';

function meanOf(values: (number | null)[], indices?: Int32Array): number | null {
  let s = 0;
  let count = 0;
  const n = indices ? indices.length : values.length;
  for (let t = 0; t < n; t++) {
    const v = values[indices ? indices[t] : t];
    if (v === null || !Number.isFinite(v)) continue;
    s += v;
    count++;
  }
  return count === 0 ? null : s / count;
}

/** Means with intervals for several per-sample metrics over the same n samples (and the same resamples). */
export function sampleMeans<K extends string>(
  perSample: Record<K, (number | null)[]>,
  n: number,
  settings: BootstrapParams & { rng: Rng; signal: AbortSignal },
  reasons: Partial<Record<K, string>> = {},
): { estimates: Record<K, Estimate>; notes: string[] } {
  const names = Object.keys(perSample) as K[];
  const intervals = seededIntervals(names, n, (indices) => {
    const out = {} as Record<K, number | null>;
    for (const name of names) out[name] = meanOf(perSample[name], indices);
    return out;
  }, settings);
  const estimates = {} as Record<K, Estimate>;
  for (const name of names) {
    const values = perSample[name];
    const defined = values.filter((v) => v !== null && Number.isFinite(v)).length;
    const value = meanOf(values);
    estimates[name] = value === null
      ? { value: null, interval: null, n: 0, undefinedReason: reasons[name] ?? 'undefined on every explained sample' }
      : { value, interval: intervals[name], n: defined };
  }
  return { estimates, notes: intervalNotes(settings.bootstrap, intervals) };
}

/** Rounds for storage in details (6 significant decimals are plenty for a chart). */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
