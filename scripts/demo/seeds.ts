/**
 * Every seed the demo uses, in one table, so a rerun reproduces byte-identical files.
 * Random streams come from src/core/rng (the project's only randomness); tfjs initializers and
 * dropout masks take integer seeds derived from these.
 */
import { createRng, type Rng } from '../../src/core/rng';

export const DEMO_SEED = 1985;

/** A named, independent stream of the demo seed. */
export function demoRng(name: string): Rng {
  return createRng(DEMO_SEED).fork(name);
}

/** A deterministic integer seed for a tfjs initializer or dropout mask. */
export function intSeed(name: string): number {
  return demoRng(name).int(2 ** 31 - 1);
}

/** Fisher–Yates permutation of 0..n−1. */
export function permutation(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
