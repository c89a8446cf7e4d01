/**
 * Exact Shapley values by enumerating every coalition (Shapley 1953):
 *   φⱼ = Σ_{S ⊆ N∖{j}} |S|!·(M − |S| − 1)!/M! · (v(S ∪ {j}) − v(S)).
 * 2^M value evaluations: a reference for tests and for models with a handful of features.
 */
import { coalitionValues, type Masker } from './masking';
import type { ExplainModel } from './model';

/** Largest feature count enumerated exactly (65,536 coalitions). */
export const MAX_EXACT_FEATURES = 16;

/** Shapley values from a table of v(S) indexed by the bitmask of S (bit j set = feature j in S). */
export function shapleyFromTable(m: number, value: ArrayLike<number>): Float64Array {
  const factorial = [1];
  for (let i = 1; i <= m; i++) factorial.push(factorial[i - 1] * i);
  const phi = new Float64Array(m);
  const full = 1 << m;
  for (let s = 0; s < full; s++) {
    let size = 0;
    for (let b = s; b; b &= b - 1) size++;
    const weight = (factorial[size] * factorial[m - size - 1]) / factorial[m];
    for (let j = 0; j < m; j++) {
      if (s & (1 << j)) continue;
      phi[j] += weight * (value[s | (1 << j)] - value[s]);
    }
  }
  return phi;
}

/** Exact Shapley values of the masked value function for one sample and class (M ≤ 16). */
export async function exactShapley(model: ExplainModel, masker: Masker, target: number): Promise<{ values: Float64Array; base: number; fx: number }> {
  const m = masker.groups.slots.length;
  if (m > MAX_EXACT_FEATURES) {
    throw new RangeError(`Exact Shapley values enumerate 2^${m} coalitions; use KernelSHAP for more than ${MAX_EXACT_FEATURES} features.`);
  }
  const full = 1 << m;
  const masks = new Uint8Array(full * m);
  for (let s = 0; s < full; s++) for (let j = 0; j < m; j++) masks[s * m + j] = (s >> j) & 1;
  const table = await coalitionValues(model, masker, masks, full, target);
  return { values: shapleyFromTable(m, table), base: table[0], fx: table[full - 1] };
}
