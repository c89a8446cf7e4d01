/**
 * KernelSHAP (Lundberg & Lee 2017, "A Unified Approach to Interpreting Model Predictions", NeurIPS,
 * theorem 2): Shapley values as the solution of a weighted linear regression over coalitions z,
 * with the Shapley kernel π(z) = (M − 1) / (C(M, |z|)·|z|·(M − |z|)) and the constraint
 * Σφ = f(x) − E[f]. Coalitions are chosen as the `shap` library's KernelExplainer does: whole
 * subset sizes (smallest and largest first, paired with their complements) are enumerated while
 * the budget covers them, the rest are sampled with the seeded rng; with a budget of 2^M − 2 or
 * more every coalition is used and the values are exact.
 */
import type { Rng } from '../core/rng';
import { solveSymmetric } from './linalg';
import { coalitionValues, type Masker } from './masking';
import type { ExplainModel } from './model';
import { binomial } from './stats';

export interface Coalitions {
  /** count × M bytes, 1 = the feature keeps the sample's value. */
  masks: Uint8Array;
  /** Kernel weight per coalition (they sum to 1). */
  weights: Float64Array;
  count: number;
  /** Every coalition was enumerated, so the regression gives exact Shapley values. */
  exact: boolean;
}

/** Every subset of {0…m−1} of size k, as arrays of indices, in lexicographic order. */
function* subsetsOfSize(m: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > m) return;
  for (;;) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === m - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

/** Coalitions and kernel weights for M features and a budget of model evaluations (shap's KernelExplainer.explain). */
export function sampleCoalitions(m: number, budget: number, rng: Rng): Coalitions {
  const maxSamples = m >= 31 ? Number.MAX_SAFE_INTEGER : 2 ** m - 2;
  const samples = Math.max(0, Math.min(Math.floor(budget), maxSamples));
  const masks: Uint8Array[] = [];
  const weights: number[] = [];
  const add = (mask: Uint8Array, weight: number) => {
    masks.push(mask);
    weights.push(weight);
  };
  const sizes = Math.ceil((m - 1) / 2);
  const paired = Math.floor((m - 1) / 2);
  const weightOfSize = Array.from({ length: sizes }, (_, i) => ((m - 1) / ((i + 1) * (m - i - 1))) * (i < paired ? 2 : 1));
  const total = weightOfSize.reduce((a, b) => a + b, 0);
  for (let i = 0; i < sizes; i++) weightOfSize[i] /= total;

  let left = samples;
  let fullSizes = 0;
  const remaining = weightOfSize.slice();
  for (let size = 1; size <= sizes; size++) {
    let subsets = binomial(m, size);
    if (size <= paired) subsets *= 2;
    if (!((left * remaining[size - 1]) / subsets >= 1 - 1e-8)) break;
    fullSizes++;
    left -= subsets;
    if (remaining[size - 1] < 1) {
      const scale = 1 - remaining[size - 1];
      for (let i = 0; i < remaining.length; i++) remaining[i] /= scale;
    }
    let w = weightOfSize[size - 1] / binomial(m, size);
    if (size <= paired) w /= 2;
    for (const subset of subsetsOfSize(m, size)) {
      const mask = new Uint8Array(m);
      for (const j of subset) mask[j] = 1;
      add(mask, w);
      if (size <= paired) add(Uint8Array.from(mask, (v) => 1 - v), w);
    }
  }

  const fixed = masks.length;
  if (fullSizes !== sizes && left > 0) {
    // Sample the sizes that were not enumerated, in complementary pairs, with the rest of the weight.
    const sizeWeights = weightOfSize.map((w, i) => (i < paired ? w / 2 : w)).slice(fullSizes);
    const sizeTotal = sizeWeights.reduce((a, b) => a + b, 0);
    const cumulative = sizeWeights.map(((acc) => (w: number) => (acc += w / sizeTotal))(0));
    const seen = new Map<string, number>();
    const drawSize = () => {
      const u = rng.next();
      let i = 0;
      while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
      return i + fullSizes + 1;
    };
    const order = Int32Array.from({ length: m }, (_, i) => i);
    const addSampled = (mask: Uint8Array) => {
      const key = mask.join('');
      const at = seen.get(key);
      if (at !== undefined) {
        weights[at] += 1;
        return;
      }
      seen.set(key, masks.length);
      add(mask, 1);
      left--;
    };
    let draws = 0;
    const maxDraws = 4 * samples + 100;
    while (left > 0 && draws < maxDraws) {
      draws++;
      const size = drawSize();
      // Partial Fisher–Yates: the first `size` entries become a uniform random subset.
      for (let i = 0; i < size; i++) {
        const j = i + rng.int(m - i);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      const mask = new Uint8Array(m);
      for (let i = 0; i < size; i++) mask[order[i]] = 1;
      addSampled(mask);
      if (left > 0 && size <= paired) addSampled(Uint8Array.from(mask, (v) => 1 - v));
    }
    const leftWeight = weightOfSize.slice(fullSizes).reduce((a, b) => a + b, 0);
    let sampledTotal = 0;
    for (let i = fixed; i < weights.length; i++) sampledTotal += weights[i];
    for (let i = fixed; i < weights.length; i++) weights[i] *= leftWeight / sampledTotal;
  }

  const flat = new Uint8Array(masks.length * m);
  masks.forEach((mask, i) => flat.set(mask, i * m));
  return { masks: flat, weights: Float64Array.from(weights), count: masks.length, exact: fullSizes === sizes };
}

/**
 * Solves the constrained weighted regression: the last feature is eliminated through
 * Σφ = fx − base (as shap does), the other M − 1 values come from the normal equations.
 */
export function solveKernelShap(m: number, c: Coalitions, values: ArrayLike<number>, base: number, fx: number): Float64Array {
  const phi = new Float64Array(m);
  const delta = fx - base;
  if (m === 0) return phi;
  if (m === 1 || c.count === 0) {
    // One feature carries the whole difference; with no coalitions, split it evenly.
    phi.fill(delta / m);
    return phi;
  }
  const p = m - 1;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let s = 0; s < c.count; s++) {
    const o = s * m;
    const last = c.masks[o + m - 1];
    const y = values[s] - base - last * delta;
    for (let j = 0; j < p; j++) row[j] = c.masks[o + j] - last;
    const w = c.weights[s];
    for (let i = 0; i < p; i++) {
      if (row[i] === 0) continue;
      const wi = w * row[i];
      b[i] += wi * y;
      for (let j = 0; j <= i; j++) a[i * p + j] += wi * row[j];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[j * p + i] = a[i * p + j];
  const solved = solveSymmetric(a, b, p);
  let rest = delta;
  for (let j = 0; j < p; j++) {
    phi[j] = solved[j];
    rest -= solved[j];
  }
  phi[m - 1] = rest;
  return phi;
}

export interface KernelShapOptions {
  /** Coalitions to evaluate (each costs one model call per replacement row). */
  samples: number;
  rng: Rng;
  onProgress?: (fraction: number) => void;
}

export interface ShapleyResult {
  /** One value per feature; they sum to fx − base. */
  values: Float64Array;
  /** E[f] over the replacement rows: the value of the empty coalition. */
  base: number;
  /** f(x) for the explained class. */
  fx: number;
  coalitions: number;
  exact: boolean;
}

/** KernelSHAP values of one sample for class `target`. */
export async function kernelShap(model: ExplainModel, masker: Masker, target: number, options: KernelShapOptions): Promise<ShapleyResult> {
  const m = masker.groups.slots.length;
  const ends = new Uint8Array(2 * m);
  ends.fill(1, 0, m);
  const [fx, base] = await coalitionValues(model, masker, ends, 2, target);
  const c = sampleCoalitions(m, options.samples, options.rng);
  const values = await coalitionValues(model, masker, c.masks, c.count, target, {
    onProgress: options.onProgress ? (done, total) => options.onProgress!(done / total) : undefined,
  });
  return { values: solveKernelShap(m, c, values, base, fx), base, fx, coalitions: c.count, exact: c.exact };
}
