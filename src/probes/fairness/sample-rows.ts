import type { Rng } from '../../core/rng';

/** Every row index in order, or a seeded sample of `max` of them (partial Fisher–Yates, returned in row order). */
export function sampleRows(n: number, max: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (max === 0 || max >= n) return all;
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.subarray(0, max).sort();
}
