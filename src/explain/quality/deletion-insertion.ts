/**
 * Deletion and insertion curves (Petsiuk, Das & Saenko 2018, "RISE: Randomized Input Sampling for
 * Explanation of Black-box Models", BMVC, §4.1). Deletion removes features from the sample, most
 * important first, and records the class probability; a faithful attribution makes it fall fast
 * (small area). Insertion starts from the sample with every feature removed and puts features
 * back in the same order; a faithful attribution makes it rise fast (large area). "Removed" means
 * taking the replacement's value (a baseline image, or background rows averaged). The same curves
 * for random orders are the baseline an attribution must beat.
 */
import type { Rng } from '../../core/rng';
import { coalitionValues, type Masker } from '../masking';
import type { ExplainModel } from '../model';
import { trapezoidArea } from '../stats';

export interface PerturbationCurves {
  /** Fraction of features removed (deletion) or inserted (insertion) at each point, 0 to 1. */
  fractions: number[];
  deletion: number[];
  insertion: number[];
  /** Trapezoid areas over the fraction axis, in [0, 1] for probabilities. */
  deletionAuc: number;
  insertionAuc: number;
}

/** Number of features switched at each of steps + 1 points: round(s·M/steps). */
export function stepCounts(m: number, steps: number): number[] {
  const s = Math.max(1, Math.min(m, Math.floor(steps)));
  return Array.from({ length: s + 1 }, (_, i) => Math.round((i * m) / s));
}

/** Deletion and insertion curves of one sample for a feature order (most important first). */
export async function perturbationCurves(
  model: ExplainModel,
  masker: Masker,
  target: number,
  order: ArrayLike<number>,
  steps: number,
): Promise<PerturbationCurves> {
  const m = masker.groups.slots.length;
  const counts = stepCounts(m, steps);
  const points = counts.length;
  const masks = new Uint8Array(2 * points * m);
  counts.forEach((k, s) => {
    const del = s * m;
    const ins = (points + s) * m;
    masks.fill(1, del, del + m);
    for (let i = 0; i < k; i++) {
      masks[del + order[i]] = 0;
      masks[ins + order[i]] = 1;
    }
  });
  const values = await coalitionValues(model, masker, masks, 2 * points, target);
  const fractions = counts.map((k) => (m === 0 ? 0 : k / m));
  const deletion = Array.from(values.subarray(0, points));
  const insertion = Array.from(values.subarray(points));
  return {
    fractions,
    deletion,
    insertion,
    deletionAuc: trapezoidArea(deletion, fractions),
    insertionAuc: trapezoidArea(insertion, fractions),
  };
}

/** A uniformly random order of m features (Fisher–Yates with the seeded rng). */
export function randomOrder(m: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Pointwise mean of several curves sampled at the same fractions. */
export function meanCurve(curves: number[][]): number[] {
  if (curves.length === 0) return [];
  return curves[0].map((_, i) => curves.reduce((s, c) => s + c[i], 0) / curves.length);
}
