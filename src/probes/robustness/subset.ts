import type { Rng } from '../../core/rng';

/**
 * At most `max` of the candidate positions, drawn without replacement from the seeded stream and
 * returned in ascending order (so a run on the first n samples always evaluates the same ones,
 * and a capped run is a simple random sample rather than the head of a possibly sorted file).
 */
export function seededSubset(rng: Rng, candidates: Int32Array, max: number): Int32Array {
  if (candidates.length <= max) return candidates.slice();
  const pool = candidates.slice();
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.subarray(0, max).sort();
}

/** Positions 0…n−1. */
export function allPositions(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
