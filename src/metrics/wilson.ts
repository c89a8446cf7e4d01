import type { Interval } from '../core/types';
import { normalQuantile } from './normal';
import { checkLevel } from './level';

/**
 * Wilson score interval for a proportion (E. B. Wilson, 1927, "Probable inference, the law of
 * succession, and statistical inference", JASA 22:209–212); the same numbers as statsmodels'
 * `proportion_confint(method='wilson')`. Unlike the normal (Wald) interval it stays inside [0, 1]
 * and is sensible at 0 or n successes. Null when n = 0.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval | null {
  checkLevel(level);
  if (!Number.isInteger(n) || n < 0 || !(successes >= 0 && successes <= n)) {
    throw new RangeError(`wilsonInterval needs 0 ≤ successes ≤ n with n a whole number; got ${successes} of ${n}.`);
  }
  if (n === 0) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const p = successes / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
    level,
    method: 'wilson',
  };
}
