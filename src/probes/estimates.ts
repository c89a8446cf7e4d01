import type { Estimate, Interval } from '../core/types';
import type { Rng } from '../core/rng';
import { bootstrapIntervals } from '../metrics/bootstrap';
import type { Defined } from '../metrics/defined';
import type { BootstrapParams } from './params';

/** An Estimate from a possibly undefined value: null values carry their reason, never NaN. */
export function toEstimate(value: Defined | number | null, n: number, interval: Interval | null, fallbackReason: string): Estimate {
  const defined: Defined = typeof value === 'number' || value === null ? { value } : value;
  if (defined.value === null) {
    return { value: null, interval: null, n, undefinedReason: defined.reason ?? fallbackReason };
  }
  return { value: defined.value, interval, n };
}

/**
 * Bootstraps several statistics of the n labelled samples on the same resamples, drawn from the
 * probe's stream forked as 'bootstrap'. Statistics read from one resample share its draw, so
 * adding a metric never changes another metric's interval.
 */
export function seededIntervals<K extends string>(
  names: readonly K[],
  n: number,
  statistics: (indices: Int32Array) => Record<K, number | null>,
  settings: BootstrapParams & { rng: Rng; signal: AbortSignal },
): Record<K, Interval | null> {
  return bootstrapIntervals(n, names, statistics, {
    rng: settings.rng.fork('bootstrap'),
    resamples: settings.bootstrap,
    level: settings.level,
    signal: settings.signal,
  });
}

/** Notes about intervals: turned off, or resamples left out because the statistic was undefined. */
export function intervalNotes(bootstrap: number, intervals: Record<string, Interval | null>): string[] {
  if (bootstrap === 0) return ['No confidence intervals: the suite set bootstrap to 0.'];
  const notes: string[] = [];
  for (const [metric, interval] of Object.entries(intervals)) {
    if (interval?.skipped) {
      notes.push(`${metric}: ${interval.skipped} of ${interval.resamples} bootstrap resamples were left out because the metric was undefined on them.`);
    }
  }
  return notes;
}
